// The signed-in workspace enhances its forms with JavaScript (they still work without it).
export const csr = true;
