// Public pages send no JavaScript: they work fully without it and stay light on old phones.
export const csr = false;
