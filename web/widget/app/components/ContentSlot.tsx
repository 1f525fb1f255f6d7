// Quick replies and article cards under a message (issue 14): their code is a lazy chunk (app/structured/), loaded
// when the first message with content shows, so a chat without a bot does not pay for it.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Message } from '../../../shared/types';

type Props = { m: Message; done: boolean; onPress: (m: Message, id: string, label: string) => void };

export function ContentSlot(p: Props) {
  const [C, setC] = useState<FunctionComponent<Props> | null>(null);
  useEffect(() => { import('../structured/Structured').then((x) => setC(() => x.Structured)); }, []);
  return C ? <C {...p} /> : null;
}
