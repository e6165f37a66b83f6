import { Select, type SelectProps } from "@mantine/core";
import { useMemo } from "react";
import { useI18n } from "@/lib/i18n/i18n";
import type { Locale } from "@/lib/i18n/i18n";

/** The ISO 3166-1 alpha-2 codes of the countries and territories a billing address may name. */
export const countryCodes = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ " +
  "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM " +
  "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS " +
  "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN " +
  "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ " +
  "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM " +
  "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV " +
  "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI " +
  "VN VU WF WS XK YE YT ZA ZM ZW"
).split(" ");

const intlLocale: Record<Locale, string> = { en: "en", de: "de" };

/** countryOptions lists the countries by their name in the language given, sorted by it: { value: "DE", label: "Germany" }. */
export function countryOptions(locale: Locale, current = ""): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([intlLocale[locale]], { type: "region" });
  const codes =
    current && !countryCodes.includes(current) ? [...countryCodes, current] : countryCodes;
  const collator = new Intl.Collator(intlLocale[locale]);
  return codes
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/**
 * CountrySelect picks a country by its name in the interface's language
 * (searchable, by name or code); the value is the ISO code ("DE").
 */
export function CountrySelect({
  value,
  onChange,
  ...props
}: Omit<SelectProps, "data" | "value" | "onChange"> & {
  value?: string;
  onChange?: (code: string) => void;
}) {
  const { locale } = useI18n();
  const code = (value ?? "").trim().toUpperCase();
  const data = useMemo(() => countryOptions(locale, code), [locale, code]);
  return (
    <Select
      searchable
      clearable
      data={data}
      value={code || null}
      onChange={(next) => onChange?.(next ?? "")}
      filter={({ options, search }) => {
        const q = search.trim().toLowerCase();
        if (!q) return options;
        return options.filter(
          (option) =>
            "value" in option &&
            (option.label.toLowerCase().includes(q) || option.value.toLowerCase() === q),
        );
      }}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
