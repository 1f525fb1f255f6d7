// Settings > Blocked (issue 16, item 4): blocked visitors and address ranges, newest first, each with
// Unblock (asks first); "Block an address" adds a range. Blocking a visitor is done from their
// conversation or contact page.
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { fieldErrorsOf, type FieldErrors } from '../../lib/fieldErrors';
import { ago, fullTime } from '../../lib/format';
import { buildHash } from '../../stores/router';
import { toast } from '../../stores/toasts';
import type { Block } from '../../../../shared/types';
import { Dialog, EmptyState, Skeleton } from '../ui';
import './audit.css';

export function BlockedSettings() {
  const [blocks, setBlocks] = useState<Block[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [removing, setRemoving] = useState<Block | null>(null);
  const [ip, setIp] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const load = (before?: number) => {
    if (before === undefined) setState('loading');
    api<{ blocks: Block[]; next_before: number | null }>('GET', `/api/v1/blocks?limit=100${before ? `&before=${before}` : ''}`)
      .then((r) => { setBlocks(before ? [...blocks, ...r.blocks] : r.blocks); setNext(r.next_before); setState('ready'); },
        (err) => { if (before) toast(`Could not load more: ${errorMessage(err)}`, 'error', 8000); else setState('failed'); });
  };
  useEffect(() => load(), []);

  const add = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setBusy(true);
    try {
      const r = await api<{ block: Block }>('POST', '/api/v1/blocks', { ip: ip.trim(), reason: reason.trim() });
      setBlocks([r.block, ...blocks]);
      setIp('');
      setReason('');
      toast(`${r.block.label} blocked`, 'success', 2500);
    } catch (err) {
      setErrors(fieldErrorsOf(err, ['ip', 'reason']));
    } finally {
      setBusy(false);
    }
  };
  const unblock = async (b: Block) => {
    try {
      await api('DELETE', `/api/v1/blocks/${b.id}`);
      setBlocks(blocks.filter((x) => x.id !== b.id));
      toast(`${b.label} unblocked`, 'success', 2500);
    } catch (err) {
      toast(`Not unblocked: ${errorMessage(err)}`, 'error', 8000);
    }
    setRemoving(null);
  };

  return (
    <div class="blocked">
      <h2>Blocked</h2>
      <p class="muted">
        Blocked visitors cannot send messages, files or the offline form; their widget only says they can't send messages
        in this chat. Their conversations stay in the inbox. Block a visitor from their conversation or contact page.
      </p>
      {state === 'loading' ? <div role="status" aria-label="Loading blocks"><Skeleton lines={3} /></div>
        : state === 'failed' ? (
          <p class="form-error" role="alert">Could not load the blocks. <button type="button" class="btn btn-sm" onClick={() => load()}>Retry</button></p>
        ) : blocks.length === 0 ? (
          <EmptyState icon="lock" title="Nobody is blocked"><p>Blocked visitors and addresses appear here.</p></EmptyState>
        ) : (
          <div class="table-scroll">
            <table class="table blocked-table">
              <caption class="sr-only">Blocked visitors and addresses</caption>
              <thead><tr><th scope="col">Blocked</th><th scope="col">Reason</th><th scope="col">By</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
              <tbody>
                {blocks.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">
                      {b.kind === 'contact' && b.contact_id ? <a href={buildHash(['contacts', String(b.contact_id)])}>{b.label}</a> : <code>{b.label}</code>}
                      <span class="sr-only">{b.kind === 'ip' ? ' (address)' : ' (visitor)'}</span>
                    </th>
                    <td data-label="Reason" class="blocked-reason">{b.reason || <span class="muted">—</span>}</td>
                    <td data-label="By" title={fullTime(b.created_at)}>{b.created_by_name || 'an agent'}, {ago(b.created_at)}</td>
                    <td><button type="button" class="btn btn-sm" aria-label={`Unblock ${b.label}`} onClick={() => setRemoving(b)}>Unblock</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      {next !== null && <div class="audit-more"><button type="button" class="btn" onClick={() => load(next)}>Load more</button></div>}

      <h3>Block an address</h3>
      <form class="stack settings-form" onSubmit={add} noValidate>
        <label class="field"><span>IP address or range</span>
          <input value={ip} placeholder="203.0.113.7, 203.0.113.0/24 or 2001:db8::/48" maxLength={64} autoComplete="off" spellcheck={false}
            aria-invalid={errors.ip ? 'true' : undefined} aria-describedby={errors.ip ? 'blocked-ip-error' : undefined}
            onInput={(e) => setIp(e.currentTarget.value)} />
        </label>
        {errors.ip && <p id="blocked-ip-error" class="form-error small" role="alert">{errors.ip}</p>}
        <label class="field"><span>Reason <span class="muted">(optional)</span></span>
          <input value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        {errors.reason && <p class="form-error small" role="alert">{errors.reason}</p>}
        {errors.form && <p class="form-error" role="alert">{errors.form}</p>}
        <div class="row-actions"><button class="btn btn-primary" type="submit" disabled={busy || !ip.trim()}>{busy ? 'Blocking…' : 'Block address'}</button></div>
      </form>

      {removing && (
        <Dialog title={`Unblock ${removing.label}?`} onClose={() => setRemoving(null)}>
          <p>{removing.kind === 'ip' ? 'Visitors from this address' : 'This visitor'} can write to you again at once.</p>
          <div class="row-actions dialog-actions">
            <button type="button" class="btn btn-primary" onClick={() => void unblock(removing)}>Unblock</button>
            <button type="button" class="btn" onClick={() => setRemoving(null)}>Cancel</button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
