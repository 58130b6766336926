import { exportDownload } from '../download.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => exportDownload(event, 'zip');
