import { useState } from 'preact/hooks';
import { Icon } from '../ui';

/** A read-only code box with a Copy button that says "Copied" for a moment. */
export function CopyBox({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API blocked (http, permissions): select the text and use the old command.
      const ta = document.createElement('textarea');
      ta.value = text;
      ta.setAttribute('readonly', '');
      ta.style.position = 'fixed';
      ta.style.opacity = '0';
      document.body.appendChild(ta);
      ta.select();
      document.execCommand('copy');
      ta.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div class="copy-box">
      <pre aria-label={label} tabIndex={0}><code>{text}</code></pre>
      <button type="button" class={`btn btn-sm copy-btn ${copied ? 'copied' : ''}`} onClick={() => void copy()}>
        <Icon name={copied ? 'check' : 'copy'} size={14} /> {copied ? 'Copied' : 'Copy'}
      </button>
      <span class="sr-only" role="status" aria-live="polite">{copied ? 'Copied to the clipboard' : ''}</span>
    </div>
  );
}
