// No JavaScript unless a section asks for it: public pages, account pages and
// error pages for unknown addresses all work as plain HTML. The workspace
// (app/) turns client-side rendering on for use:enhance.
export const csr = false;
