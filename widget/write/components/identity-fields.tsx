import { LIMITS } from '../../../server/contract.ts'
import type { Messages } from '../../i18n/en.ts'
import type { DraftField } from '../lib/check-draft.ts'
import type { Identity } from '../stores/identity.ts'

export interface IdentityFieldsProps {
  identity: Identity
  onInput: (identity: Identity) => void
  /** The field a problem was found in, and the id of its message. */
  invalid?: DraftField
  errorId: string
  t: Messages
}

/** Name, email and website: all optional, all plain text. */
export function IdentityFields({ identity, onInput, invalid, errorId, t }: IdentityFieldsProps) {
  const shared = (name: keyof Identity) => ({
    class: 'causerie-input',
    name,
    value: identity[name],
    'aria-invalid': invalid === name,
    'aria-describedby': invalid === name ? errorId : undefined,
    onInput: (event: { currentTarget: HTMLInputElement }) =>
      onInput({ ...identity, [name]: event.currentTarget.value }),
  })

  return (
    <div class="causerie-identity">
      <label>
        {t.nameLabel}
        <input
          {...shared('name')}
          type="text"
          autoComplete="name"
          maxLength={LIMITS.nameMax}
          placeholder={t.anonymous}
        />
      </label>
      <label>
        {t.emailLabel}
        <input {...shared('email')} type="email" autoComplete="email" maxLength={LIMITS.emailMax} />
        <span>{t.emailHint}</span>
      </label>
      <label>
        {t.websiteLabel}
        <input
          {...shared('website')}
          type="url"
          autoComplete="url"
          maxLength={LIMITS.websiteMax}
          placeholder="https://"
        />
      </label>
    </div>
  )
}
