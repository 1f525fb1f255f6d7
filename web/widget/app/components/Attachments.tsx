import { useEffect, useRef, useState } from 'preact/hooks';
import type { Attachment } from '../../../shared/types';
import { safeUrl } from '../../../shared/linkify';
import type { T } from '../i18n';
import { Icon } from './Icon';
import { paths } from '../icons';

export function size(n: number): string {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1048576).toFixed(1)} MB`;
}

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export function Attachments({ list, t }: { list?: Attachment[]; t: T }) {
  if (!list || !list.length) return null;
  return (
    <div class="atts">
      {list.map((a, i) => {
        const url = safeUrl(a.url);
        if (!url) return null;
        if (a.content_type === 'image/gif') return <Gif key={i} url={url} name={a.name} t={t} />;
        if (/^image\/(png|jpeg|webp)$/.test(a.content_type)) {
          return (
            <a key={i} class="img" href={url} target="_blank" rel="noopener noreferrer">
              <img src={url} alt={a.name} loading="lazy" />
            </a>
          );
        }
        return (
          <a key={i} class="file" href={url} download={a.name} target="_blank" rel="noopener noreferrer"
            aria-label={t('download', { name: a.name })}>
            <Icon d={paths.file} />
            <span class="fn">{a.name}</span>
            <span class="fs">{size(a.size)}</span>
          </a>
        );
      })}
    </div>
  );
}

/**
 * A GIF plays like any image. Under prefers-reduced-motion it shows its first frame, still (drawn on a canvas:
 * an <img> would animate), with a play button; playing it is the visitor's choice and can be paused again.
 */
function Gif({ url, name, t }: { url: string; name: string; t: T }) {
  const [still] = useState(reducedMotion);
  const [playing, setPlaying] = useState(!still);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (playing) return;
    const img = new Image();
    img.onload = () => {
      const c = canvas.current;
      if (!c) return;
      const scale = Math.min(1, 220 / img.naturalWidth, 180 / img.naturalHeight);
      c.width = Math.max(1, Math.round(img.naturalWidth * scale));
      c.height = Math.max(1, Math.round(img.naturalHeight * scale));
      c.getContext('2d')?.drawImage(img, 0, 0, c.width, c.height);   // a fresh image: its first frame
    };
    img.src = url;
    return () => { img.onload = null; };
  }, [playing, url]);
  return (
    <div class="gif">
      <a class="img" href={url} target="_blank" rel="noopener noreferrer">
        {playing ? <img src={url} alt={name} loading="lazy" /> : <canvas ref={canvas} role="img" aria-label={name} />}
      </a>
      {still && (
        <button type="button" class="gifb" onClick={() => setPlaying(!playing)}
          aria-label={`${playing ? t('gifPause') : t('gifPlay')}: ${name}`}>
          <Icon d={playing ? paths.pause : paths.play} size={16} /> GIF
        </button>
      )}
    </div>
  );
}
