package corpus

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Output formats of the questions' answers.
const (
	OutTable = "table" // aligned columns (the default)
	OutJSON  = "json"
	OutCSV   = "csv"
	OutMD    = "md"
)

// RenderOptions choose how answers are written; the zero value gives a
// plain aligned table.
type RenderOptions struct {
	Format string
	// Color adds ANSI colours to tables, for a terminal.
	Color bool
}

func (o RenderOptions) format() (string, error) {
	switch o.Format {
	case "", OutTable:
		return OutTable, nil
	case OutJSON, OutCSV, OutMD:
		return o.Format, nil
	}
	return "", fmt.Errorf("%w: output format %q (want table, json, csv or md)", ErrBadOptions, o.Format)
}

var marks = map[State]string{Member: "✓", Absent: "✗", Unknown: "·"}
var colors = map[State]string{Member: "\x1b[32m", Absent: "\x1b[31m", Unknown: "\x1b[2m"}

// cellText is a cell in a table: its mark and the record behind it.
func cellText(c Cell, color bool) string {
	s := marks[c.State]
	if len(c.Evidence) > 0 {
		s += " " + c.Evidence[0]
		if len(c.Evidence) > 1 {
			s += "+" + strconv.Itoa(len(c.Evidence)-1)
		}
	}
	if color {
		s = colors[c.State] + s + "\x1b[0m"
	}
	return s
}

// WriteTable writes a comparison table.
func WriteTable(w io.Writer, t *Table, o RenderOptions) error {
	return writeGrid(w, t, nil, o)
}

// WriteMatrix writes a Query answer: the table and a summary line.
func WriteMatrix(w io.Writer, m *Matrix, o RenderOptions) error {
	return writeGrid(w, &m.Table, m, o)
}

func writeGrid(w io.Writer, t *Table, m *Matrix, o RenderOptions) error {
	f, err := o.format()
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	switch f {
	case OutJSON:
		var v any = t
		if m != nil {
			v = m
		}
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		err = enc.Encode(v)
	case OutCSV:
		cw := csv.NewWriter(bw)
		cw.Write([]string{t.RowLabel, t.ColLabel, "state", "articles", "evidence", "records"})
		for i, row := range t.Rows {
			for j, col := range t.Cols {
				c := t.Cells[i][j]
				cw.Write([]string{row, col, string(c.State), strconv.Itoa(c.Articles),
					strings.Join(c.Evidence, " "), strings.Join(c.Records, " ")})
			}
		}
		cw.Flush()
		err = cw.Error()
	default:
		rows := [][]string{append([]string{t.RowLabel}, t.Cols...)}
		for i, row := range t.Rows {
			r := []string{row}
			for _, c := range t.Cells[i] {
				r = append(r, cellText(c, o.Color && f == OutTable))
			}
			rows = append(rows, r)
		}
		fmt.Fprintf(bw, "%s\n\n", t.Title)
		if f == OutMD {
			writeMD(bw, rows)
		} else {
			writeAligned(bw, rows)
		}
		fmt.Fprintf(bw, "\n✓ member  ✗ absent (a complete list lacks it)  · unknown; the id is the record behind the cell (+n more)\n")
		if m != nil {
			fmt.Fprintln(bw, summary(m))
		}
	}
	if err != nil {
		return fmt.Errorf("corpus: write table: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("corpus: write table: %w", err)
	}
	return nil
}

// summary is the Query answer's last line.
func summary(m *Matrix) string {
	s := fmt.Sprintf("%s: a member in %d of %d %ss", m.UnitName, len(m.Member), len(m.Rows), m.By)
	if len(m.Absent) > 0 {
		s += fmt.Sprintf("; not a member in %d (%s)", len(m.Absent), strings.Join(m.Absent, ", "))
	} else {
		s += "; absent from no complete list"
	}
	if len(m.Unknown) > 0 {
		s += fmt.Sprintf("; unknown in %d (%s)", len(m.Unknown), strings.Join(m.Unknown, ", "))
	}
	return s + "."
}

// displayWidth counts the columns a string takes on a terminal: runes,
// without combining marks nor ANSI colour sequences.
func displayWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			if j := strings.IndexByte(s[i:], 'm'); j >= 0 {
				i += j + 1
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !unicode.Is(unicode.Mn, r) {
			n++
		}
	}
	return n
}

// writeAligned writes rows as columns padded to their widest cell.
func writeAligned(w io.Writer, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for j, c := range r {
			if j >= len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], displayWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for j, c := range r {
			b.WriteString(c)
			if j < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[j]-displayWidth(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func writeMD(w io.Writer, rows [][]string) {
	esc := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	for i, r := range rows {
		cells := make([]string, len(r))
		for j, c := range r {
			cells[j] = esc(c)
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
		if i == 0 {
			fmt.Fprintf(w, "|%s\n", strings.Repeat(" --- |", len(r)))
		}
	}
}

// WriteSearch writes search hits with their fragments and the facets.
func WriteSearch(w io.Writer, res *SearchResult, o RenderOptions) error {
	f, err := o.format()
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	switch f {
	case OutJSON:
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		err = enc.Encode(res)
	case OutCSV:
		cw := csv.NewWriter(bw)
		cw.Write([]string{"id", "score", "province", "year", "title", "url", "fragments"})
		for _, h := range res.Hits {
			cw.Write([]string{h.Record.ID, strconv.FormatFloat(h.Score, 'f', 3, 64), h.Record.Province,
				itoaOrEmpty(h.Record.Year), h.Record.Title, h.Record.URL, strings.Join(fragments(h), " … ")})
		}
		cw.Flush()
		err = cw.Error()
	default:
		rows := [][]string{{"id", "province", "year", "title"}}
		for _, h := range res.Hits {
			rows = append(rows, []string{h.Record.ID, h.Record.Province, itoaOrEmpty(h.Record.Year), h.Record.Title})
		}
		fmt.Fprintf(bw, "%d records match %q\n\n", res.Total, res.Query)
		if f == OutMD {
			writeMD(bw, rows)
		} else {
			writeAligned(bw, rows)
		}
		fmt.Fprintln(bw)
		for _, h := range res.Hits {
			for _, fr := range fragments(h) {
				fmt.Fprintf(bw, "%s: %s\n", h.Record.ID, fr)
			}
		}
		names := make([]string, 0, len(res.Facets))
		for name := range res.Facets {
			names = append(names, name)
		}
		slices.Sort(names)
		fmt.Fprintln(bw)
		for _, name := range names {
			var parts []string
			for _, t := range res.Facets[name] {
				parts = append(parts, fmt.Sprintf("%s %d", t.Term, t.Count))
			}
			if len(parts) > 0 {
				fmt.Fprintf(bw, "%s: %s\n", strings.TrimSuffix(name, "_term"), strings.Join(parts, ", "))
			}
		}
	}
	if err != nil {
		return fmt.Errorf("corpus: write search result: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("corpus: write search result: %w", err)
	}
	return nil
}

// fragments lists a hit's highlighted snippets in a stable field order.
func fragments(h Hit) []string {
	var out []string
	for _, f := range highlightFields {
		for _, s := range h.Fragments[f] {
			out = append(out, f+": "+s)
		}
	}
	return out
}

func itoaOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
