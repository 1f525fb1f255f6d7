import { linkify } from '../../../shared/linkify';

/** Message text as text nodes; only http(s)/mailto become links, opened in a new tab without referrer. */
export function Text({ body }: { body: string }) {
  return (
    <>
      {linkify(body).map((p, i) => p.href
        ? <a key={i} href={p.href} target="_blank" rel="noopener noreferrer">{p.text}</a>
        : p.text)}
    </>
  );
}
