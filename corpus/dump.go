package corpus

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/thidua/thidua/extract"
)

// Dump formats.
const (
	FormatJSONL = "jsonl"
	FormatCSV   = "csv"
)

// DumpStats describes a dumped dataset, for its card.
type DumpStats struct {
	Records    int
	Relevant   int
	Sources    map[string]int // host -> records
	Extractors map[string]int // extractor version -> records
	Provinces  map[string]int // province -> relevant records
	Years      map[int]int    // year -> relevant records
	Filter     Filter
	Format     string
}

// csvHeader lists the CSV columns; lists are joined with "; ".
var csvHeader = []string{"id", "url", "source", "title", "published", "relevant", "level",
	"province", "province_2025", "year", "event_date", "event_types", "bloc_name", "bloc_number",
	"members", "member_units", "members_complete", "member_count", "theme", "awards", "leader",
	"deputy", "extractor", "links"}

// Dump writes the records that pass the filter to w as JSONL (one record
// per line, spec/record.md form) or CSV (one row per record, see
// csvHeader), in id order.
func (c *Corpus) Dump(w io.Writer, f Filter, format string) (DumpStats, error) {
	st := DumpStats{Sources: map[string]int{}, Extractors: map[string]int{}, Provinces: map[string]int{},
		Years: map[int]int{}, Filter: f, Format: format}
	if format == "" {
		st.Format = FormatJSONL
	}
	if st.Format != FormatJSONL && st.Format != FormatCSV {
		return st, fmt.Errorf("%w: dump format %q (want %s or %s)", ErrBadOptions, format, FormatJSONL, FormatCSV)
	}
	rf, err := f.resolve()
	if err != nil {
		return st, err
	}
	var ids map[string]bool
	if f.Text != "" {
		if ids, err = c.matchingIDs(f.Text); err != nil {
			return st, err
		}
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	var cw *csv.Writer
	if st.Format == FormatCSV {
		cw = csv.NewWriter(bw)
		if err := cw.Write(csvHeader); err != nil {
			return st, fmt.Errorf("corpus: dump: %w", err)
		}
	}
	for r, err := range c.All() {
		if err != nil {
			return st, err
		}
		if !rf.matchRecord(r) || (ids != nil && !ids[r.ID]) {
			continue
		}
		if cw != nil {
			err = cw.Write(csvRow(r))
		} else {
			var b []byte
			if b, err = json.Marshal(r); err == nil {
				b = append(b, '\n')
				_, err = bw.Write(b)
			}
		}
		if err != nil {
			return st, fmt.Errorf("corpus: dump record %s: %w", r.ID, err)
		}
		st.add(r)
	}
	if cw != nil {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return st, fmt.Errorf("corpus: dump: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("corpus: dump: %w", err)
	}
	return st, nil
}

func (st *DumpStats) add(r extract.Record) {
	st.Records++
	st.Sources[orNone(r.Source)]++
	st.Extractors[orNone(r.Extractor)]++
	if r.Relevant {
		st.Relevant++
		st.Provinces[orNone(r.Province)]++
		st.Years[r.Year]++
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func csvRow(r extract.Record) []string {
	var members, units, awards, links []string
	for _, m := range r.Members {
		members = append(members, m.Name)
		units = append(units, m.Unit)
	}
	for _, a := range r.Awards {
		s := a.Title + " [" + a.Kind + ", " + a.Status + "]"
		if a.Recipient != "" {
			s += " → " + a.Recipient
		}
		awards = append(awards, s)
	}
	for _, l := range r.Links {
		links = append(links, l.Relation+":"+l.ID)
	}
	bloc, num := "", ""
	if r.Bloc != nil {
		bloc, num = r.Bloc.Name, r.Bloc.Number
	}
	itoa := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	return []string{r.ID, r.URL, r.Source, r.Title, r.Published, strconv.FormatBool(r.Relevant), r.Level,
		r.Province, r.Province2025, itoa(r.Year), r.EventDate, strings.Join(r.EventTypes, "; "), bloc, num,
		strings.Join(members, "; "), strings.Join(units, "; "), strconv.FormatBool(r.MembersComplete),
		itoa(r.MemberCount), r.Theme, strings.Join(awards, "; "), r.Leader, r.Deputy, r.Extractor,
		strings.Join(links, "; ")}
}
