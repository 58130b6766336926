// Compiles the messages in messages/ into src/lib/paraglide (also done by Vite on build and dev).
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.options.js';

await compile(paraglideOptions);
