/** The whole emails templates/*.mjml compile to (templates/build.ts), one per kind of mail. */
export type TemplateName =
  | 'reminder' | 'digest' | 'alert-moved' | 'alert-confirmed' | 'alert-cancelled' | 'confirmation' | 'update';
