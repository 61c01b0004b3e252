/**
 * The indicator catalogue: indicators that German municipal integration and education
 * monitoring actually uses, offered as templates when adding an indicator. Converted from
 * `indicator-templates.csv` beside this file (a test keeps them equal); ranges are orders of
 * magnitude for demo data, not targets.
 */
export const FREQUENCIES = ['monthly', 'quarterly', 'halfYearly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface IndicatorTemplate {
	key: string;
	nameDe: string;
	nameEn: string;
	definitionDe: string;
	unit: string;
	direction: 'up' | 'down';
	sourceDe: string;
	/** The regular rhythm; `frequencyNote` keeps the catalogue's own words. */
	frequency: Frequency;
	frequencyNote: string;
	/** Breakdown dimensions as the catalogue names them (e.g. "Staatsangehörigkeit"). */
	breakdowns: string[];
	typicalRange: string | null;
}

export const INDICATOR_TEMPLATES: readonly IndicatorTemplate[] = [
	{
		"key": "schulabgang_ohne_abschluss",
		"nameDe": "Schulabgänger/innen ohne Ersten Schulabschluss",
		"nameEn": "School leavers without a lower-secondary certificate",
		"definitionDe": "Anteil der Abgänger/innen allgemeinbildender Schulen ohne Hauptschulabschluss (Erster Schulabschluss) an allen Abgänger/innen",
		"unit": "%",
		"direction": "down",
		"sourceDe": "Schulstatistik des Landes",
		"frequency": "yearly",
		"frequencyNote": "jährlich (Schuljahr)",
		"breakdowns": [
			"Staatsangehörigkeit deutsch/nichtdeutsch",
			"Geschlecht"
		],
		"typicalRange": "3–20"
	},
	{
		"key": "schulabgang_hochschulreife",
		"nameDe": "Schulabgänger/innen mit Hochschulreife",
		"nameEn": "School leavers with the Abitur",
		"definitionDe": "Anteil der Abgänger/innen mit allgemeiner Hochschulreife an allen Abgänger/innen",
		"unit": "%",
		"direction": "up",
		"sourceDe": "Schulstatistik des Landes",
		"frequency": "yearly",
		"frequencyNote": "jährlich (Schuljahr)",
		"breakdowns": [
			"Staatsangehörigkeit",
			"Geschlecht"
		],
		"typicalRange": "8–40"
	},
	{
		"key": "gymnasium_klasse8",
		"nameDe": "Gymnasialbesuch in Klasse 8",
		"nameEn": "Grammar-school attendance in grade 8",
		"definitionDe": "Anteil der Schüler/innen der 8. Klasse, die ein Gymnasium besuchen",
		"unit": "%",
		"direction": "up",
		"sourceDe": "Schulstatistik des Landes",
		"frequency": "yearly",
		"frequencyNote": "jährlich",
		"breakdowns": [
			"Staatsangehörigkeit"
		],
		"typicalRange": "20–60"
	},
	{
		"key": "ausbildungsbeteiligung",
		"nameDe": "Ausbildungsbeteiligungsquote",
		"nameEn": "Apprenticeship participation rate",
		"definitionDe": "Auszubildende im dualen System im Alter von 18 bis unter 21 Jahren je Bevölkerung gleichen Alters (Stichtag 31.12.)",
		"unit": "%",
		"direction": "up",
		"sourceDe": "Berufsbildungsstatistik",
		"frequency": "yearly",
		"frequencyNote": "jährlich",
		"breakdowns": [
			"Staatsangehörigkeit"
		],
		"typicalRange": "25–60"
	},
	{
		"key": "ausbildungsanfaenger",
		"nameDe": "Ausbildungsanfängerquote",
		"nameEn": "Apprenticeship starter rate",
		"definitionDe": "Summe der altersspezifischen Anteile der Ausbildungsanfänger/innen (16 bis 24 Jahre) an der Bevölkerung gleichen Alters",
		"unit": "%",
		"direction": "up",
		"sourceDe": "Berufsbildungsstatistik (BIBB)",
		"frequency": "yearly",
		"frequencyNote": "jährlich",
		"breakdowns": [
			"Staatsangehörigkeit",
			"Geschlecht"
		],
		"typicalRange": "30–70"
	},
	{
		"key": "uebergangsbereich_anteil",
		"nameDe": "Anteil Übergangsbereich",
		"nameEn": "Share starting in the transition sector",
		"definitionDe": "Anfänger/innen im Übergangsbereich an allen Anfänger/innen im Ausbildungsgeschehen",
		"unit": "%",
		"direction": "down",
		"sourceDe": "Integrierte Ausbildungsberichterstattung",
		"frequency": "yearly",
		"frequencyNote": "jährlich",
		"breakdowns": [
			"Staatsangehörigkeit"
		],
		"typicalRange": "10–40"
	},
	{
		"key": "uebergang_in_ausbildung",
		"nameDe": "Übergänge aus dem Übergangsbereich in Ausbildung",
		"nameEn": "Transitions from the transition sector into training",
		"definitionDe": "Anteil der Abgänger/innen aus Maßnahmen des Übergangsbereichs, die eine betriebliche oder schulische Ausbildung beginnen",
		"unit": "%",
		"direction": "up",
		"sourceDe": "kommunale Auswertung der Schulstatistik",
		"frequency": "yearly",
		"frequencyNote": "jährlich",
		"breakdowns": [
			"Staatsangehörigkeit"
		],
		"typicalRange": "30–60"
	},
	{
		"key": "berufsschule_ohne_vertrag",
		"nameDe": "Berufsschüler/innen ohne Ausbildungsvertrag",
		"nameEn": "Vocational-school pupils without a training contract",
		"definitionDe": "Anteil der Schüler/innen an Berufsschulen ohne Ausbildungsvertrag",
		"unit": "%",
		"direction": "down",
		"sourceDe": "Statistik der beruflichen Schulen",
		"frequency": "yearly",
		"frequencyNote": "jährlich",
		"breakdowns": [
			"Staatsangehörigkeit"
		],
		"typicalRange": "5–30"
	},
	{
		"key": "vertragsloesung",
		"nameDe": "Vertragslösungsquote",
		"nameEn": "Early contract termination rate",
		"definitionDe": "Anteil der begonnenen dualen Ausbildungsverträge, die vor Ablauf gelöst werden (Schichtenmodell LQneu)",
		"unit": "%",
		"direction": "down",
		"sourceDe": "Berufsbildungsstatistik (BIBB)",
		"frequency": "yearly",
		"frequencyNote": "jährlich",
		"breakdowns": [
			"Staatsangehörigkeit"
		],
		"typicalRange": "20–40"
	},
	{
		"key": "jugendarbeitslosigkeit",
		"nameDe": "Arbeitslosenquote unter 25 Jahren",
		"nameEn": "Youth unemployment rate under 25",
		"definitionDe": "Arbeitslose (SGB II und SGB III) von 15 bis unter 25 Jahren bezogen auf die zivilen Erwerbspersonen gleichen Alters",
		"unit": "%",
		"direction": "down",
		"sourceDe": "Statistik der Bundesagentur für Arbeit",
		"frequency": "monthly",
		"frequencyNote": "monatlich, Jahresdurchschnitt",
		"breakdowns": [
			"Staatsangehörigkeit"
		],
		"typicalRange": "2–11"
	},
	{
		"key": "arbeitslose_junge_je_100",
		"nameDe": "Arbeitslose junge Menschen je 100 Einwohner/innen",
		"nameEn": "Unemployed young people per 100 residents",
		"definitionDe": "Arbeitslose von 15 bis unter 25 Jahren je 100 Einwohner/innen gleichen Alters",
		"unit": "%",
		"direction": "down",
		"sourceDe": "kommunale Statistik / Bundesagentur für Arbeit",
		"frequency": "yearly",
		"frequencyNote": "jährlich (Stichtag 31.12.)",
		"breakdowns": [
			"Stadtteil",
			"Staatsangehörigkeit"
		],
		"typicalRange": "0,5–6"
	},
	{
		"key": "unversorgte_bewerber",
		"nameDe": "Unversorgte Bewerber/innen für Ausbildungsstellen",
		"nameEn": "Unplaced apprenticeship applicants",
		"definitionDe": "Bei der Bundesagentur für Arbeit gemeldete Bewerber/innen, die zum 30.09. weder eine Ausbildung noch eine Alternative begonnen haben",
		"unit": "Anzahl",
		"direction": "down",
		"sourceDe": "Ausbildungsmarktstatistik der Bundesagentur für Arbeit (Berichtsjahr 1.10.–30.9.)",
		"frequency": "yearly",
		"frequencyNote": "jährlich, monatlich März–September",
		"breakdowns": [
			"Staatsangehörigkeit"
		],
		"typicalRange": null
	},
	{
		"key": "fruehe_schulabgaenger",
		"nameDe": "Frühe Schulabgänger/innen (18–24 Jahre)",
		"nameEn": "Early leavers from education (18–24)",
		"definitionDe": "Anteil der 18- bis 24-Jährigen ohne Abschluss der Sekundarstufe II, die sich nicht in Bildung oder Ausbildung befinden",
		"unit": "%",
		"direction": "down",
		"sourceDe": "Mikrozensus (nur Landesebene)",
		"frequency": "yearly",
		"frequencyNote": "jährlich",
		"breakdowns": [
			"Migrationshintergrund"
		],
		"typicalRange": "8–15"
	},
	{
		"key": "verbleib_schulabgaenger",
		"nameDe": "Schulabgänger/innen mit Anschluss in Ausbildung",
		"nameEn": "School leavers with a training place",
		"definitionDe": "Anteil der befragten Schulabgänger/innen, die unmittelbar nach der Schule eine Ausbildung beginnen (eigene Verbleibsbefragung)",
		"unit": "%",
		"direction": "up",
		"sourceDe": "kommunale Verbleibsbefragung",
		"frequency": "yearly",
		"frequencyNote": "jährlich",
		"breakdowns": [
			"Migrationshintergrund",
			"Schulform"
		],
		"typicalRange": null
	},
	{
		"key": "eltern_berufsorientierung",
		"nameDe": "Eltern mit Migrationsgeschichte in Berufsorientierungsangeboten",
		"nameEn": "Parents with a migration history reached by career-orientation events",
		"definitionDe": "Teilnehmende Eltern mit Migrationsgeschichte an Elternabenden und Beratungen zur Berufsorientierung je Schuljahr",
		"unit": "Anzahl",
		"direction": "up",
		"sourceDe": "eigene Erhebung",
		"frequency": "halfYearly",
		"frequencyNote": "halbjährlich",
		"breakdowns": [
			"Schule",
			"Sprache"
		],
		"typicalRange": null
	},
	{
		"key": "fachbereiche_mit_tandem",
		"nameDe": "Fachbereiche mit aktivem Tandem",
		"nameEn": "Departments with an active tandem",
		"definitionDe": "Zahl der Fachbereiche, in denen ein Tandem aus Fokus-Agentur und Fachbereich regelmäßig arbeitet",
		"unit": "Anzahl",
		"direction": "up",
		"sourceDe": "eigene Erhebung",
		"frequency": "halfYearly",
		"frequencyNote": "halbjährlich",
		"breakdowns": [],
		"typicalRange": null
	},
	{
		"key": "fachbereiche_mit_vereinbarung",
		"nameDe": "Fachbereiche mit Kooperationsvereinbarung",
		"nameEn": "Departments with a written agreement",
		"definitionDe": "Zahl der Fachbereiche mit schriftlicher Vereinbarung zu Strukturen, Aufgaben, Zielen, Zuständigkeiten und Kompetenzen im Fokus Migration",
		"unit": "Anzahl",
		"direction": "up",
		"sourceDe": "eigene Erhebung",
		"frequency": "yearly",
		"frequencyNote": "jährlich",
		"breakdowns": [],
		"typicalRange": null
	}
];
