/** Causerie's mark: two speech bubbles. Decorative: the name is always written beside it. */
export function Logo() {
  return (
    <svg class="logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        class="logo-back"
        d="M9 3h10a3 3 0 0 1 3 3v6a3 3 0 0 1-3 3h-1v3l-3.5-3H9a3 3 0 0 1-3-3V6a3 3 0 0 1 3-3z"
      />
      <path
        class="logo-front"
        d="M4 8h9a2.5 2.5 0 0 1 2.5 2.5v5A2.5 2.5 0 0 1 13 18H8l-3.5 3v-3H4a2.5 2.5 0 0 1-2.5-2.5v-5A2.5 2.5 0 0 1 4 8z"
      />
    </svg>
  )
}
