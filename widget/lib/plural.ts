/** Catalog entry with CLDR plural categories; `#` stands for the formatted number. */
export interface PluralForms {
  one: string
  other: string
}

/** "1 comment", "3 comments", "0 commentaire": the form of `forms` that fits `count`. */
export function plural(locale: string, count: number, forms: PluralForms): string {
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? forms.one : forms.other
  return form.replace('#', count.toLocaleString(locale))
}
