package corpus

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/thidua/thidua/extract"
)

func TestSearch(t *testing.T) {
	c := openFixture(t)
	tests := []struct {
		name    string
		q       string
		f       Filter
		want    []string // ids that must be among the hits
		notWant []string
		below   []string // ids (exact matches) that nodiac-01 (a folded-only match) must rank below
	}{
		{"exact ranks first", "Biên phòng", Filter{}, []string{"seed-000", "nodiac-01"}, nil, []string{"seed-000", "seed-003", "p061"}},
		{"folded finds accented", "bien phong", Filter{}, []string{"seed-000", "seed-003", "nodiac-01"}, nil, nil},
		{"abbreviation via unit", "BĐBP", Filter{}, []string{"seed-000", "p061"}, []string{"seed-001"}, nil},
		{"field syntax", "theme:khát", Filter{}, []string{"seed-001"}, []string{"seed-000"}, nil},
		{"syntax without a field", `+"Biên phòng"`, Filter{}, []string{"seed-000", "seed-003", "nodiac-01"}, nil, nil},
		{"syntax folded finds accented", "+bien +phong", Filter{}, []string{"seed-000", "seed-003", "nodiac-01"}, nil, nil},
		{"lone exclusion", "-khát", Filter{}, []string{"seed-000", "nodiac-01"}, []string{"seed-001"}, nil},
		{"syntax exclusion", `+"Biên phòng" -theme:khát`, Filter{}, []string{"seed-000"}, []string{"seed-001"}, nil},
		{"province filter", "", Filter{Province: "ha tinh"}, []string{"seed-000", "copy-000"}, []string{"seed-001"}, nil},
		{"year range", "", Filter{YearFrom: 2018, YearTo: 2019}, []string{"seed-004", "nodiac-01"}, []string{"seed-000"}, nil},
		{"unit filter", "", Filter{Unit: "Biên phòng", Province2025: "ninh binh"}, []string{"p061", "p062"}, nil, nil},
		{"non-relevant hidden", "", Filter{}, nil, []string{"n005"}, nil},
		{"non-relevant with All", "", Filter{All: true}, []string{"n005"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(tt.q, tt.f, Page{Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.Record.ID)
			}
			for _, w := range tt.want {
				if !slices.Contains(ids, w) {
					t.Errorf("%s not among hits %v", w, ids)
				}
			}
			for _, w := range tt.notWant {
				if slices.Contains(ids, w) {
					t.Errorf("%s among hits %v", w, ids)
				}
			}
			for _, id := range tt.below {
				if slices.Index(ids, id) > slices.Index(ids, "nodiac-01") {
					t.Errorf("%s ranks below nodiac-01: %v", id, ids)
				}
			}
		})
	}
	t.Run("facets and fragments", func(t *testing.T) {
		res, err := c.Search("Biên phòng", Filter{}, Page{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(res.Facets["province"], FacetTerm{"Hà Tĩnh", 2}) {
			t.Errorf("province facet = %v", res.Facets["province"])
		}
		bg := 0
		for _, h := range res.Hits {
			if slices.ContainsFunc(h.Record.Members, func(m extract.Member) bool { return m.Unit == extract.UnitBorderGuard }) {
				bg++
			}
		}
		if !slices.Contains(res.Facets["units"], FacetTerm{"border-guard", bg}) {
			t.Errorf("units facet = %v, total %d", res.Facets["units"], res.Total)
		}
		found := false
		for _, h := range res.Hits {
			for _, f := range h.Fragments["members"] {
				found = found || strings.Contains(f, "<mark>Biên</mark>")
			}
		}
		if !found {
			t.Errorf("no highlighted member fragment")
		}
	})
	t.Run("bad query", func(t *testing.T) {
		if _, err := c.Search("title:\"unclosed", Filter{}, Page{}); err == nil {
			t.Error("no error for a bad query")
		}
	})
}

func TestDump(t *testing.T) {
	c := openFixture(t)
	t.Run("jsonl", func(t *testing.T) {
		var buf bytes.Buffer
		st, err := c.Dump(&buf, Filter{Province2025: "Phú Thọ"}, FormatJSONL)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if len(lines) != 2 || st.Records != 2 {
			t.Fatalf("dumped %d lines (%d records): %s", len(lines), st.Records, buf.String())
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
			t.Fatal(err)
		}
		if r["id"] != "same-001" || r["links"] == nil {
			t.Errorf("first record = %v", r)
		}
	})
	t.Run("csv with text", func(t *testing.T) {
		var buf bytes.Buffer
		if _, err := c.Dump(&buf, Filter{Text: "bien phong", YearFrom: 2020, YearTo: 2020}, FormatCSV); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range rows[1:] {
			ids = append(ids, r[0])
		}
		if !slices.Equal(ids, []string{"copy-000", "p061", "seed-000"}) || rows[0][0] != "id" {
			t.Errorf("ids = %v, header %v", ids, rows[0])
		}
	})
	t.Run("schema and card", func(t *testing.T) {
		var schema, card, data bytes.Buffer
		if err := WriteSchema(&schema); err != nil {
			t.Fatal(err)
		}
		var s map[string]any
		if err := json.Unmarshal(schema.Bytes(), &s); err != nil || s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Fatalf("schema: %v %v", err, s["$schema"])
		}
		st, err := c.Dump(&data, Filter{All: true}, FormatJSONL)
		if err != nil {
			t.Fatal(err)
		}
		if err := WriteCard(&card, "out.jsonl", st, time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Records: 14, of which relevant: 13", "- congan.hatinh.gov.vn: 1", "`out.schema.json`", "belong to their publishers", "- Hà Tĩnh: 2"} {
			if !strings.Contains(card.String(), want) {
				t.Errorf("card lacks %q", want)
			}
		}
	})
}

func TestRender(t *testing.T) {
	c := openFixture(t)
	m, err := c.Query("bien phong", Filter{Province: "Hà Tĩnh"}, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ format, want string }{
		{OutTable, "province  2020\nHà Tĩnh   ✓ copy-000+1\n"},
		{OutMD, "| province | 2020 |\n| --- | --- |\n| Hà Tĩnh | ✓ copy-000+1 |\n"},
		{OutCSV, "province,year,state,articles,evidence,records\nHà Tĩnh,2020,member,1,copy-000 seed-000,copy-000 seed-000\n"},
		{OutJSON, `"state": "member"`},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteMatrix(&buf, m, RenderOptions{Format: tt.format}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), tt.want) {
				t.Errorf("got\n%s\nwant it to contain\n%s", buf.String(), tt.want)
			}
		})
	}
	if got := displayWidth("\x1b[32m✓ Hòa\u0300\x1b[0m"); got != 5 {
		t.Errorf("displayWidth = %d, want 5", got)
	}
}
