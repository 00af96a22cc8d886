package web

import (
	"bufio"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/extract"
)

// cellOf returns the cell of row, col in a table, failing when absent.
func cellOf(t *testing.T, tb corpus.Table, row, col string) corpus.Cell {
	t.Helper()
	i, j := slices.Index(tb.Rows, row), slices.Index(tb.Cols, col)
	if i < 0 || j < 0 {
		t.Fatalf("no cell %s/%s in rows %v cols %v", row, col, tb.Rows, tb.Cols)
	}
	return tb.Cells[i][j]
}

func TestQueryMatrix(t *testing.T) {
	h := NewHandler(openFixtures(t, fixture), Options{})
	tests := []struct {
		name, unit, province, year string
		state                      corpus.State
		record                     string // a record the cell must hold; "" for none
	}{
		{"member with diacritics", "Biên phòng", "Hà Tĩnh", "2020", corpus.Member, "seed-000"},
		{"member folded", "bien phong", "Nam Định", "2022", corpus.Member, "p062"},
		{"absent from a complete list", "bien phong", "Vĩnh Phúc", "2021", corpus.Absent, "seed-001"},
		{"unknown from an incomplete list", "BĐBP", "Bình Định", "2021", corpus.Unknown, "seed-002"},
		{"prison member", "prison", "Bình Định", "2021", corpus.Member, "seed-002"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(h, "GET", "/api/query?unit="+url.QueryEscape(tt.unit))
			if rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var m corpus.Matrix
			if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
				t.Fatal(err)
			}
			c := cellOf(t, m.Table, tt.province, tt.year)
			if c.State != tt.state {
				t.Errorf("%s %s/%s: state %s, want %s", tt.unit, tt.province, tt.year, c.State, tt.state)
			}
			if tt.record != "" && !slices.Contains(c.Records, tt.record) {
				t.Errorf("%s %s/%s: records %v, want %s among them", tt.unit, tt.province, tt.year, c.Records, tt.record)
			}
		})
	}
}

func TestCompareProvince(t *testing.T) {
	h := NewHandler(openFixtures(t, fixture), Options{})
	rec := get(h, "GET", "/api/compare?province=nam+dinh")
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var tb corpus.Table
	if err := json.Unmarshal(rec.Body.Bytes(), &tb); err != nil {
		t.Fatal(err)
	}
	for _, year := range []string{"2020", "2022"} {
		if c := cellOf(t, tb, "border-guard", year); c.State != corpus.Member {
			t.Errorf("Nam Định border-guard %s: %s, want member", year, c.State)
		}
	}
}

func TestSearchLimit(t *testing.T) {
	h := NewHandler(openFixtures(t, fixture), Options{MaxHits: 3})
	rec := get(h, "GET", "/api/search?q=&limit=1000&all=true")
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var res corpus.SearchResult
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 3 || res.Total <= 3 {
		t.Errorf("limit=1000 with MaxHits 3: %d hits of %d, want 3 of more", len(res.Hits), res.Total)
	}
}

func TestRecord(t *testing.T) {
	h := NewHandler(openFixtures(t, fixture), Options{})
	rec := get(h, "GET", "/api/records/seed-000")
	var r extract.Record
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if r.ID != "seed-000" || !strings.HasPrefix(r.URL, "https://congan.hatinh.gov.vn/") || r.Province != "Hà Tĩnh" {
		t.Errorf("record %s url %s province %s, want seed-000 from congan.hatinh.gov.vn in Hà Tĩnh", r.ID, r.URL, r.Province)
	}
}

func TestDownload(t *testing.T) {
	h := NewHandler(openFixtures(t, fixture), Options{})
	t.Run("jsonl selection", func(t *testing.T) {
		rec := get(h, "GET", "/api/download?format=jsonl&province=nam+dinh")
		if rec.Code != 200 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		var ids []string
		sc := bufio.NewScanner(rec.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var r extract.Record
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("line %q: %v", sc.Text(), err)
			}
			ids = append(ids, r.ID)
		}
		if !slices.Equal(ids, []string{"p061", "p062"}) {
			t.Errorf("ids %v, want [p061 p062]", ids)
		}
		if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "attachment") {
			t.Errorf("Content-Disposition %q, want an attachment", cd)
		}
	})
	t.Run("too large", func(t *testing.T) {
		small := NewHandler(openFixtures(t, fixture), Options{MaxDownload: 100})
		rec := get(small, "GET", "/api/download?format=csv")
		if rec.Code != 413 {
			t.Fatalf("status %d, want 413", rec.Code)
		}
		if e := decodeError(t, rec); e.Code != "too_large" {
			t.Errorf("code %s, want too_large", e.Code)
		}
	})
}

func TestCellRecordsTrimmed(t *testing.T) {
	h := NewHandler(openFixtures(t, fixture), Options{MaxCellRecords: 1})
	tests := []struct{ name, target, row, col string }{
		{"query", "/api/query?unit=bien+phong", "Hà Tĩnh", "2020"},
		{"compare", "/api/compare?province=ha+tinh", "border-guard", "2020"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tb struct {
				Rows  []string `json:"rows"`
				Cols  []string `json:"cols"`
				Cells [][]struct {
					corpus.Cell
					RecordsTotal int `json:"records_total"`
				} `json:"cells"`
			}
			rec := get(h, "GET", tt.target)
			if err := json.Unmarshal(rec.Body.Bytes(), &tb); err != nil {
				t.Fatal(err)
			}
			i, j := slices.Index(tb.Rows, tt.row), slices.Index(tb.Cols, tt.col)
			if i < 0 || j < 0 {
				t.Fatalf("no cell %s/%s", tt.row, tt.col)
			}
			c := tb.Cells[i][j]
			// seed-000 and its syndicated copy copy-000 are both in the cell.
			if len(c.Records) != 1 || len(c.Evidence) != 1 || c.RecordsTotal != 2 || c.State != corpus.Member {
				t.Errorf("%s/%s: records %v evidence %v total %d state %s; want 1, 1, 2, member",
					tt.row, tt.col, c.Records, c.Evidence, c.RecordsTotal, c.State)
			}
		})
	}
}
