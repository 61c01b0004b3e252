/** A field's name in presence: a control's id (or a radio group's name), as the page renders it. */
export const FIELD_KEY = /^[\w-]{1,120}$/;

interface Control {
	tagName?: unknown;
	id?: unknown;
	name?: unknown;
	type?: unknown;
	readOnly?: unknown;
	disabled?: unknown;
}

const CONTROLS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * The field a focused element edits, or null: read-only and disabled controls edit nothing, and a
 * checkbox is toggled rather than edited.
 */
export function fieldKey(target: EventTarget | null): string | null {
	const control = target as Control | null;
	if (!control || typeof control.tagName !== 'string' || !CONTROLS.has(control.tagName)) return null;
	if (control.readOnly === true || control.disabled === true || control.type === 'checkbox') return null;
	const key = control.type === 'radio' ? control.name : control.id;
	return typeof key === 'string' && FIELD_KEY.test(key) ? key : null;
}

/** The part of a document session that tells the others where this person is. */
export interface FieldPresence {
	setField(field: string | null): void;
}

/**
 * Shares which field of a form the person is in: set on focus, cleared when focus leaves the
 * form, so the partners see a marker on that field.
 */
export function shareFocus(form: HTMLElement, presence: FieldPresence | undefined) {
	let current = presence;
	const onFocusIn = (event: FocusEvent) => current?.setField(fieldKey(event.target));
	const onFocusOut = (event: FocusEvent) => {
		if (!(event.relatedTarget instanceof Node && form.contains(event.relatedTarget))) current?.setField(null);
	};
	form.addEventListener('focusin', onFocusIn);
	form.addEventListener('focusout', onFocusOut);
	return {
		update(next: FieldPresence | undefined) {
			current = next;
		},
		destroy() {
			form.removeEventListener('focusin', onFocusIn);
			form.removeEventListener('focusout', onFocusOut);
		}
	};
}
