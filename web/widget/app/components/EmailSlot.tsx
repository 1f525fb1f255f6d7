// Where "Email me this conversation" opens (issue 15): its form, strings and styles are a lazy chunk (app/email/),
// loaded the first time the visitor asks, so a page view that never does pays only for the header's button.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Chat } from '../chat';

type Props = { chat: Chat; id: number; onClose: () => void };

export function EmailSlot(p: Props) {
  const [Form, setForm] = useState<FunctionComponent<Props> | null>(null);
  useEffect(() => { import('../email/EmailForm').then((m) => setForm(() => m.EmailForm), p.onClose); }, []);
  return Form ? <Form {...p} /> : null;
}
