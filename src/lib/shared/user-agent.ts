/**
 * A browser and operating system named from a User-Agent header, enough for a person to tell
 * their devices apart on the account page. Order matters: Edge and Opera also say "Chrome",
 * Chrome also says "Safari", iPhones say "like Mac OS X".
 */
export interface DeviceName {
	browser: string | null;
	system: string | null;
}

const BROWSERS: [RegExp, string][] = [
	[/\bEdg(e|A|iOS)?\//, 'Edge'],
	[/\b(OPR|Opera)\//, 'Opera'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\b(Firefox|FxiOS)\//, 'Firefox'],
	[/\b(HeadlessChrome|Chrome|CriOS|Chromium)\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*\bSafari\//, 'Safari']
];

const SYSTEMS: [RegExp, string][] = [
	[/\b(iPhone|iPad|iPod)\b/, 'iOS'],
	[/\bAndroid\b/, 'Android'],
	[/\bWindows\b/, 'Windows'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

const first = (text: string, patterns: [RegExp, string][]) => patterns.find(([pattern]) => pattern.test(text))?.[1] ?? null;

export function deviceName(userAgent: string | null | undefined): DeviceName {
	if (!userAgent) return { browser: null, system: null };
	return { browser: first(userAgent, BROWSERS), system: first(userAgent, SYSTEMS) };
}
