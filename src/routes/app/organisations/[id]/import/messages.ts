/** Import problems as the reader's language says them: message key + parameters → text. */
import { m } from '#lib/paraglide/messages.js';
import { MAX_ROWS, MAX_UPLOAD_BYTES } from '#lib/server/directory/import/index.ts';

type Params = Record<string, string | number>;
const s = (p: Params, k: string) => String(p[k] ?? '');

export function exchangeMessage(key: string, p: Params = {}): string {
	switch (key) {
		case 'exchange_err_too_large':
			return m.exchange_err_too_large({ max: MAX_UPLOAD_BYTES / 1024 / 1024 });
		case 'exchange_err_format':
			return m.exchange_err_format();
		case 'exchange_err_encoding':
			return m.exchange_err_encoding({ file: s(p, 'file') });
		case 'exchange_err_csv':
			return m.exchange_err_csv({ file: s(p, 'file') });
		case 'exchange_err_too_many_rows':
			return m.exchange_err_too_many_rows({ file: s(p, 'file'), max: MAX_ROWS });
		case 'exchange_err_missing_columns':
			return m.exchange_err_missing_columns({ columns: s(p, 'columns') });
		case 'exchange_err_unknown_columns':
			return m.exchange_err_unknown_columns({ columns: s(p, 'columns') });
		case 'exchange_err_required':
			return m.exchange_err_required();
		case 'exchange_err_duplicate_id':
			return m.exchange_err_duplicate_id({ id: s(p, 'id') });
		case 'exchange_err_missing_ref':
			return m.exchange_err_missing_ref({ id: s(p, 'id'), file: s(p, 'file') });
		case 'exchange_err_formula':
			return m.exchange_err_formula();
		case 'exchange_err_unknown_code':
			return m.exchange_err_unknown_code({ code: s(p, 'code') });
		case 'exchange_err_invalid':
			return m.exchange_err_invalid({ value: s(p, 'value') });
		case 'exchange_err_no_services':
			return m.exchange_err_no_services();
		case 'exchange_err_write_failed':
			return m.exchange_err_write_failed();
		default:
			return m.exchange_err_token();
	}
}
