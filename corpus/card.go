package corpus

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/thidua/thidua/extract"
)

// cardFields explains the record's fields (spec/record.md, "Fields").
var cardFields = [][2]string{
	{"id", "the input document's id, or the first 16 hex digits of SHA-256 of the canonical URL"},
	{"url, source", "where the article came from; source is the host name"},
	{"title", "the headline"},
	{"published", "publication time (RFC 3339) or date"},
	{"relevant", "the article is about an internal-affairs emulation bloc (Khối thi đua Nội chính) as a whole; a non-relevant record keeps only provenance"},
	{"level", "province, district or ministry: the administrative level of the bloc"},
	{"province", "the province by its canonical name as it was at the event date (63 before 1 July 2025, 34 after)"},
	{"province_2025", "the unit the province belongs to after the July 2025 merger"},
	{"year", "the emulation year the event is about"},
	{"event_date", "the day the event took place"},
	{"event_types", "signing, launch, review, activity, decision: every kind the article reports"},
	{"bloc", "the bloc's fullest name as written and its number"},
	{"members", "member agencies in order of first mention: name as written, unit code"},
	{"members_complete", "true when the article enumerates the membership"},
	{"member_count", "the number of members the text states"},
	{"theme", "the bloc's slogan or theme for the year"},
	{"awards", "emulation titles and awards for the bloc or its members: title, kind, recipient, recipient unit, conferred or proposed"},
	{"leader, deputy", "unit codes of the members heading and deputizing the bloc for the year"},
	{"evidence", "for each extracted field, the span of normalized text (rune offsets) it came from"},
	{"extractor", "the extractor version that made the record"},
	{"links", "other records that are copies of the article on other sites (syndicated) or about the same event (same-event); counted once"},
}

// WriteCard writes the dataset card (Markdown) of a dump: what each field
// means, where the data comes from, extractor versions, counts and the
// licence note. name is the data file the card describes.
func WriteCard(w io.Writer, name string, st DumpStats, now time.Time) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# Dataset card: %s\n\n", name)
	p("Records about the *Khối thi đua Nội chính* (provincial internal-affairs emulation bloc) of Vietnam,\n")
	p("extracted by rules from news and government web pages by thidua.\n\n")
	p("- Generated: %s\n", now.UTC().Format(time.RFC3339))
	p("- Format: %s (schema: `%s.schema.json`, JSON Schema draft 2020-12)\n", st.Format, trimExt(name))
	p("- Records: %d, of which relevant: %d\n", st.Records, st.Relevant)
	p("- Filter: %s\n\n", describeFilter(st.Filter))
	p("## Fields\n\n| field | meaning |\n| --- | --- |\n")
	for _, f := range cardFields {
		p("| `%s` | %s |\n", f[0], f[1])
	}
	p("\nUnit codes:")
	for _, u := range extract.Units {
		p(" `%s` (%s);", u.Code, u.Name)
	}
	p("\n\n## Extractor versions\n\n")
	writeCounts(bw, st.Extractors)
	p("\n## Sources\n\nRecords by host name of the article's URL:\n\n")
	writeCounts(bw, st.Sources)
	p("\n## Relevant records by province\n\n")
	writeCounts(bw, st.Provinces)
	p("\n## Relevant records by year\n\n")
	years := map[string]int{}
	for y, n := range st.Years {
		k := strconv.Itoa(y)
		if y == 0 {
			k = "(none)"
		}
		years[k] = n
	}
	writeCounts(bw, years)
	p("\n## Licence\n\n")
	p("The articles belong to their publishers; this dataset holds facts extracted from them and short\n")
	p("evidence quotes, for research. Cite the article's URL when you use a record, and read the\n")
	p("article itself before relying on a value: the extraction is automatic.\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("corpus: write card: %w", err)
	}
	return nil
}

// writeCounts writes a Markdown list by descending count, then name.
func writeCounts(w io.Writer, counts map[string]int) {
	keys := slices.Collect(maps.Keys(counts))
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(counts[b]-counts[a], cmp.Compare(a, b))
	})
	if len(keys) == 0 {
		fmt.Fprintln(w, "(none)")
	}
	for _, k := range keys {
		fmt.Fprintf(w, "- %s: %d\n", k, counts[k])
	}
}

func trimExt(name string) string {
	for i := len(name) - 1; i >= 0 && name[i] != '/'; i-- {
		if name[i] == '.' {
			return name[:i]
		}
	}
	return name
}

func describeFilter(f Filter) string {
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+"="+strconv.Quote(v))
		}
	}
	add("province", f.Province)
	add("province_2025", f.Province2025)
	if f.YearFrom != 0 || f.YearTo != 0 {
		parts = append(parts, fmt.Sprintf("year=%d..%d", f.YearFrom, f.YearTo))
	}
	add("unit", f.Unit)
	add("event_type", f.EventType)
	add("level", f.Level)
	add("text", f.Text)
	if f.All {
		parts = append(parts, "non-relevant records included")
	}
	if len(parts) == 0 {
		return "none (all relevant records)"
	}
	return fmt.Sprint(parts)
}
