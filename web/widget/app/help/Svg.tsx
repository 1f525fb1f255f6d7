// An icon of the help chunk (24x24 path data), drawn here rather than with the main chunk's Icon: every name a lazy
// chunk imports is an export the main chunk carries on every page view.
export function Svg({ d }: { d: string }) {
  return <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path d={d} fill="currentColor" /></svg>;
}
