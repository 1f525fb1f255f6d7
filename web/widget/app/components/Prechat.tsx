import { useState } from 'preact/hooks';
import type { PrechatField } from '../settings';
import type { T } from '../i18n';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks required fields and email syntax; returns field -> message. */
export function validate(fields: PrechatField[], values: Record<string, string>, t: T): Record<string, string> {
  const errs: Record<string, string> = {};
  for (const f of fields) {
    const v = (values[f.name] || '').trim();
    if (!v) { if (f.required) errs[f.name] = t('required'); }
    else if ((f.type === 'email' || f.name === 'email') && !EMAIL.test(v)) errs[f.name] = t('badEmail');
  }
  return errs;
}

export function labelOf(f: PrechatField, t: T): string {
  return f.label || (f.name === 'name' ? t('name') : f.name === 'email' ? t('email') : f.name === 'message' ? t('message') : f.name);
}

/** A small form card: used for pre-chat and offline forms. */
export function FormCard({ id, title, intro, fields, submit, t, onSubmit, done }: {
  id: string; title: string; intro?: string; fields: PrechatField[]; submit: string; t: T; done?: string;
  onSubmit: (values: Record<string, string>) => Promise<boolean>;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (done) return <div class="card" role="status" data-form={id}><p>{done}</p></div>;
  return (
    <form class="card" data-form={id} noValidate aria-labelledby={id + '-t'} onSubmit={async (e) => {
      e.preventDefault();
      const found = validate(fields, values, t);
      setErrs(found);
      if (Object.keys(found).length) return;
      setBusy(true);
      const trimmed: Record<string, string> = {};
      for (const k in values) trimmed[k] = values[k].trim();
      await onSubmit(trimmed);
      setBusy(false);
    }}>
      <h2 id={id + '-t'}>{title}</h2>
      {intro && <p>{intro}</p>}
      {fields.map((f) => {
        const fid = `${id}-${f.name}`;
        const props: any = {
          id: fid, name: f.name, value: values[f.name] || '', required: !!f.required,
          'aria-invalid': errs[f.name] ? true : undefined, 'aria-describedby': errs[f.name] ? fid + '-e' : undefined,
          onInput: (e: Event) => {
            setValues({ ...values, [f.name]: (e.target as HTMLInputElement).value });
            if (errs[f.name]) { const next = { ...errs }; delete next[f.name]; setErrs(next); }
          },
        };
        return (
          <div class="fld" key={f.name}>
            <label for={fid}>{labelOf(f, t)}{!f.required && <span class="opt"> ({t('optional')})</span>}</label>
            {f.type === 'textarea' ? <textarea rows={3} {...props} />
              : <input type={f.type === 'email' || f.name === 'email' ? 'email' : 'text'}
                autoComplete={f.name === 'email' ? 'email' : f.name === 'name' ? 'name' : 'off'} {...props} />}
            {errs[f.name] && <div class="ferr" id={fid + '-e'}>{errs[f.name]}</div>}
          </div>
        );
      })}
      <button type="submit" class="btn" disabled={busy}>{submit}</button>
    </form>
  );
}
