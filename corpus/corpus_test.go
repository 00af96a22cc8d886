package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/thidua/thidua/extract"
	bolt "go.etcd.io/bbolt"
)

const fixture = "../testdata/corpus/records.jsonl"

// openFixture opens a fresh corpus holding the fixture records.
func openFixture(t testing.TB) *Corpus {
	t.Helper()
	c, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	f, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := c.Import(f, fixture, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Skipped) > 0 {
		t.Fatalf("fixture lines skipped: %v", st.SkippedError())
	}
	return c
}

func readRecords(t testing.TB, path string) []extract.Record {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []extract.Record
	for i, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var r extract.Record
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		out = append(out, r)
	}
	return out
}

// cellOf finds a cell of a table by row and column.
func cellOf(t *testing.T, tb *Table, row, col string) Cell {
	t.Helper()
	i, j := slices.Index(tb.Rows, row), slices.Index(tb.Cols, col)
	if i < 0 || j < 0 {
		t.Fatalf("no cell %s/%s in rows %v, cols %v", row, col, tb.Rows, tb.Cols)
	}
	return tb.Cells[i][j]
}

func TestQuery(t *testing.T) {
	c := openFixture(t)
	type want struct {
		row, col string
		state    State
		evidence []string
		articles int
	}
	cells := []want{
		{"Hà Tĩnh", "2020", Member, []string{"copy-000", "seed-000"}, 1}, // syndicated copy counted once
		{"Vĩnh Phúc", "2021", Absent, []string{"seed-001"}, 1},           // complete list lacks it; same-event report counted once
		{"Bình Định", "2021", Unknown, nil, 1},                           // only an incomplete list
		{"Bình Dương", "2022", Unknown, nil, 1},
		{"Hải Dương", "2023", Absent, []string{"p005"}, 1},
		{"Lạng Sơn", "2019", Member, []string{"nodiac-01"}, 1}, // written without diacritics
		{"Nghệ An", "2024", Member, []string{"seed-003"}, 1},
		{"Nghệ An", "2020", Unknown, nil, 0}, // no record
	}
	for _, q := range []string{"Biên phòng", "bien phong", "BĐBP", "border-guard", "Bộ đội Biên phòng", "BIEN PHONG"} {
		t.Run(q, func(t *testing.T) {
			m, err := c.Query(q, Filter{}, "")
			if err != nil {
				t.Fatal(err)
			}
			if m.Unit != extract.UnitBorderGuard {
				t.Fatalf("unit = %q, want border-guard", m.Unit)
			}
			for _, w := range cells {
				got := cellOf(t, &m.Table, w.row, w.col)
				if got.State != w.state || !slices.Equal(got.Evidence, w.evidence) || got.Articles != w.articles {
					t.Errorf("%s/%s = %s %v (%d articles), want %s %v (%d)", w.row, w.col, got.State, got.Evidence, got.Articles, w.state, w.evidence, w.articles)
				}
			}
			wantAbsent := []string{"Cần Thơ", "Hải Dương", "Vĩnh Phúc"}
			if !slices.Equal(m.Absent, wantAbsent) {
				t.Errorf("absent = %v, want %v", m.Absent, wantAbsent)
			}
			wantMember := []string{"Cao Bằng", "Hà Tĩnh", "Lạng Sơn", "Nam Định", "Nghệ An"}
			if !slices.Equal(m.Member, wantMember) {
				t.Errorf("member = %v, want %v", m.Member, wantMember)
			}
		})
	}
	t.Run("unknown unit", func(t *testing.T) {
		if _, err := c.Query("xyzzy", Filter{}, ""); err == nil {
			t.Fatal("no error for an unknown unit")
		}
	})
}

func TestQueryFilters(t *testing.T) {
	c := openFixture(t)
	tests := []struct {
		name     string
		f        Filter
		by       Group
		wantRows []string
		wantCols []string
	}{
		{"province folded", Filter{Province: "vinh phuc"}, "", []string{"Vĩnh Phúc"}, []string{"2021"}},
		{"years", Filter{YearFrom: 2022, YearTo: 2023}, "", []string{"Bình Dương", "Hải Dương", "Nam Định"}, []string{"2022", "2023"}},
		{"merged provinces", Filter{YearFrom: 2021, YearTo: 2023}, ByProvince2025, []string{"Gia Lai", "Hải Phòng", "Hồ Chí Minh", "Ninh Bình", "Phú Thọ"}, []string{"2021", "2022", "2023"}},
		{"event type", Filter{EventType: extract.EventReview}, "", []string{"Bình Định", "Cần Thơ", "Nam Định"}, []string{"2020", "2021"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := c.Query("Biên phòng", tt.f, tt.by)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(m.Rows, tt.wantRows) || !slices.Equal(m.Cols, tt.wantCols) {
				t.Errorf("rows %v cols %v, want %v %v", m.Rows, m.Cols, tt.wantRows, tt.wantCols)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	c := openFixture(t)
	t.Run("year", func(t *testing.T) {
		tb, err := c.Compare(CompareOptions{Year: 2020})
		if err != nil {
			t.Fatal(err)
		}
		if got := cellOf(t, tb, "Hà Tĩnh", extract.UnitMobilePolice).State; got != Member {
			t.Errorf("Hà Tĩnh mobile-police = %s, want member", got)
		}
		if got := cellOf(t, tb, "Cần Thơ", extract.UnitBorderGuard).State; got != Absent {
			t.Errorf("Cần Thơ border-guard = %s, want absent", got)
		}
	})
	t.Run("province", func(t *testing.T) {
		tb, err := c.Compare(CompareOptions{Province: "nam dinh"})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(tb.Cols, []string{"2020", "2021", "2022"}) {
			t.Errorf("cols = %v", tb.Cols)
		}
		if got := cellOf(t, tb, extract.UnitBorderGuard, "2021").State; got != Unknown {
			t.Errorf("2021 = %s, want unknown (no record)", got)
		}
		if got := cellOf(t, tb, extract.UnitBorderGuard, "2022").State; got != Member {
			t.Errorf("2022 = %s, want member", got)
		}
	})
	t.Run("merged province", func(t *testing.T) {
		tb, err := c.Compare(CompareOptions{Province: "Phú Thọ", By: ByProvince2025})
		if err != nil {
			t.Fatal(err)
		}
		if got := cellOf(t, tb, extract.UnitMilitary, "2021").State; got != Member {
			t.Errorf("Phú Thọ military 2021 = %s, want member (Vĩnh Phúc)", got)
		}
	})
	t.Run("bad options", func(t *testing.T) {
		if _, err := c.Compare(CompareOptions{Year: 2020, Province: "Nghệ An"}); err == nil {
			t.Fatal("no error for year and province together")
		}
	})
}

func TestLinks(t *testing.T) {
	c := openFixture(t)
	tests := []struct {
		id, other, relation string
	}{
		{"seed-000", "copy-000", RelSyndicated},
		{"copy-000", "seed-000", RelSyndicated},
		{"seed-001", "same-001", RelSameEvent},
		{"same-001", "seed-001", RelSameEvent},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			r, ok, err := c.Get(tt.id)
			if err != nil || !ok {
				t.Fatalf("get: %v %v", ok, err)
			}
			want := []extract.Link{{ID: tt.other, URL: mustGet(t, c, tt.other).URL, Relation: tt.relation}}
			if !slices.Equal(r.Links, want) {
				t.Errorf("links = %+v, want %+v", r.Links, want)
			}
		})
	}
	t.Run("re-put keeps links once", func(t *testing.T) {
		r := mustGet(t, c, "copy-000")
		if _, err := c.Put(r); err != nil {
			t.Fatal(err)
		}
		if got := mustGet(t, c, "seed-000").Links; len(got) != 1 {
			t.Errorf("seed-000 links after re-put = %+v", got)
		}
	})
	t.Run("stats count copies once", func(t *testing.T) {
		st, err := c.Stats()
		if err != nil {
			t.Fatal(err)
		}
		if st.Records != 14 || st.Counted != 11 || st.Provinces["Hà Tĩnh"] != 1 {
			t.Errorf("stats = %d records, %d counted, Hà Tĩnh %d; want 14, 11, 1", st.Records, st.Counted, st.Provinces["Hà Tĩnh"])
		}
	})
}

func mustGet(t *testing.T, c *Corpus, id string) extract.Record {
	t.Helper()
	r, ok, err := c.Get(id)
	if err != nil || !ok {
		t.Fatalf("get %s: %v %v", id, ok, err)
	}
	return r
}

func TestImportBadLines(t *testing.T) {
	c, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	in := `{"id":"a","relevant":true,"province":"nghe an","year":2020,"members":[],"awards":[],"event_types":[]}
{"id": "b", "relevant": tru
{"relevant":false}

{"url":"https://example.vn/x","relevant":false}
`
	st, err := c.Import(strings.NewReader(in), "mine.jsonl", nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 2 || len(st.Skipped) != 2 {
		t.Fatalf("added %d, skipped %v", st.Added, st.SkippedError())
	}
	for i, want := range []string{"mine.jsonl:2: ", "mine.jsonl:3: corpus: record has no id"} {
		if got := st.Skipped[i].Error(); !strings.HasPrefix(got, want) {
			t.Errorf("skipped[%d] = %q, want prefix %q", i, got, want)
		}
	}
	a := mustGet(t, c, "a")
	if a.Province != "Nghệ An" || a.Province2025 != "Nghệ An" {
		t.Errorf("province not made canonical: %q / %q", a.Province, a.Province2025)
	}
	if _, ok, _ := c.Get("06aee0bbbd7c2e44"); !ok {
		var ids []string
		for r := range c.All() {
			ids = append(ids, r.ID)
		}
		t.Errorf("no record with the id derived from the URL; ids: %v", ids)
	}
}

func TestReopen(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs := readRecords(t, fixture)
	if _, err := c.Put(recs...); err != nil {
		t.Fatal(err)
	}
	c.Close()

	t.Run("up to date", func(t *testing.T) {
		var log bytes.Buffer
		c, err := Open(dir, Options{Log: &log})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if log.Len() != 0 {
			t.Errorf("notice on a current index: %s", log.String())
		}
		res, err := c.Search("", Filter{}, Page{})
		if err != nil || res.Total != 13 {
			t.Errorf("search after reopen: %v, %v", res, err)
		}
	})
	t.Run("behind", func(t *testing.T) {
		c, err := Open(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		// The store moves on without the index, as after a crash between them.
		c.indexRecords(nil, 0)
		c.Close()
		var log bytes.Buffer
		c, err = Open(dir, Options{Log: &log})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if !strings.Contains(log.String(), "rebuilding") {
			t.Errorf("no rebuild notice: %q", log.String())
		}
		g, _ := c.Generation()
		ig, _ := c.IndexGeneration()
		if g != ig {
			t.Errorf("index generation %d, store %d", ig, g)
		}
	})
	t.Run("corrupt", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(dir, indexDirName, "index_meta.json"), []byte("{garbage"), 0o644); err != nil {
			t.Fatal(err)
		}
		var log bytes.Buffer
		c, err := Open(dir, Options{Log: &log})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if !strings.Contains(log.String(), "does not open") {
			t.Errorf("no notice: %q", log.String())
		}
		if res, err := c.Search("", Filter{}, Page{}); err != nil || res.Total != 13 {
			t.Errorf("search after rebuild: %v", err)
		}
	})
}

// TestWithLinks checks that replacing the links in a record's stored JSON
// gives what Record.MarshalJSON writes of the record with the new links
// (it relies on the links being its last field), and that the part of a
// record load decodes has what linking and the cells read.
func TestWithLinks(t *testing.T) {
	linkSets := [][]extract.Link{
		nil,
		{{ID: "a", URL: "https://x.vn/a", Relation: RelSyndicated}},
		{{ID: "a", Relation: RelSameEvent}, {ID: "b<&>", URL: "https://x.vn/b?q=1&r=\"2\"", Relation: RelSyndicated}},
	}
	for _, r := range readRecords(t, fixture) {
		for _, before := range linkSets {
			r.Links = before
			raw, err := r.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			var st stored
			if err := json.Unmarshal(raw, &st); err != nil {
				t.Fatal(err)
			}
			part := st.record()
			if !slices.Equal(linkKeys(part), linkKeys(r)) || cellKey(part) != cellKey(r) || entryOf(part) != entryOf(r) || part.URL != r.URL {
				t.Errorf("%s: the decoded part differs for links and cells", r.ID)
			}
			for _, after := range linkSets {
				got, ok := withLinks(raw, after)
				r.Links = after
				want, _ := r.MarshalJSON()
				if !ok || !bytes.Equal(got, want) {
					t.Errorf("%s, links %v → %v:\n got %s\nwant %s", r.ID, before, after, got, want)
				}
			}
		}
	}
	if _, ok := withLinks([]byte(`{"id":"x","links":[],"extractor":"v"}`), nil); ok {
		t.Errorf("links before the last field: replaced")
	}
}

// TestStoreFormat1 turns a store back into format 1 (links at the end of
// the records' JSON, no links bucket, no format key) and checks that a
// read-only Open reads the same records, that a read-write Open moves the
// links out with a notice, and that a Put then links as in a store that
// was never of format 1.
func TestStoreFormat1(t *testing.T) {
	recs := readRecords(t, fixture)
	for r := range Generate(readRecords(t, goldSeeds), 300) {
		recs = append(recs, r)
	}
	dump := func(c *Corpus) string {
		t.Helper()
		var b bytes.Buffer
		if _, err := c.Dump(&b, Filter{All: true}, FormatJSONL); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	open := func(dir string, opts Options) *Corpus {
		t.Helper()
		c, err := Open(dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	dir, ref := t.TempDir(), t.TempDir()
	for _, d := range []string{dir, ref} {
		c := open(d, Options{})
		if _, err := c.Put(recs[:200]...); err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
	c := open(dir, Options{})
	want := dump(c)
	if !strings.Contains(want, `"links"`) {
		t.Fatal("no links in the dump")
	}
	c.Close()

	db, err := bolt.Open(filepath.Join(dir, "records", storeFile), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		recs, links := tx.Bucket(bucketRecords), tx.Bucket(bucketLinks)
		err := links.ForEach(func(k, v []byte) error {
			var ls []extract.Link
			if err := json.Unmarshal(v, &ls); err != nil {
				return err
			}
			b, ok := withLinks(recs.Get(k), ls)
			if !ok {
				t.Fatalf("%s: links not replaced", k)
			}
			return recs.Put(k, b)
		})
		if err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketLinks); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(keyFormat)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	c = open(dir, Options{ReadOnly: true})
	if got := dump(c); got != want {
		t.Errorf("read-only dump of format 1 differs:\n%s\nwant\n%s", got, want)
	}
	c.Close()
	var log bytes.Buffer
	c = open(dir, Options{Log: &log})
	if !strings.Contains(log.String(), "moving the links of") {
		t.Errorf("notice %q", log.String())
	}
	if got := dump(c); got != want {
		t.Errorf("dump after moving the links differs")
	}
	err = c.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRecords).ForEach(func(k, v []byte) error {
			if bytes.Contains(v, []byte(`"links"`)) {
				t.Errorf("%s: links left in the record", k)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	r := open(ref, Options{})
	for _, cc := range []*Corpus{c, r} {
		if _, err := cc.Put(recs[190:]...); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := dump(c), dump(r); got != want {
		t.Errorf("dump after a Put differs from a store never of format 1")
	}
	c.Close()
	r.Close()
	log.Reset()
	c = open(dir, Options{Log: &log})
	c.Close()
	if log.Len() > 0 {
		t.Errorf("second open: notice %q", log.String())
	}
}

// TestLinkGroupBounded puts, one at a time, more records with the same
// headline than a link group holds: the first maxLinkGroup link to each
// other (and count once), the others are not linked, and the cost of a Put
// stays bounded: no record carries more than maxLinkGroup-1 links.
func TestLinkGroupBounded(t *testing.T) {
	c, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	n := maxLinkGroup + 30
	i := 0
	for r := range Generate(readRecords(t, goldSeeds), n) {
		r.Title = "Khối thi đua Nội chính tỉnh ký kết giao ước thi đua"
		r.Year, r.EventDate = 2020, fmt.Sprintf("2020-%02d-%02d", 1+i/28, 1+i%28) // events of their own
		r.Province = "Nghệ An"
		if _, err := c.Put(r); err != nil {
			t.Fatal(err)
		}
		i++
	}
	linked, unlinked := 0, 0
	for r, err := range c.All() {
		if err != nil {
			t.Fatal(err)
		}
		syn := 0
		for _, l := range r.Links {
			if l.Relation == RelSyndicated {
				syn++
			}
		}
		switch syn {
		case maxLinkGroup - 1:
			linked++
		case 0:
			unlinked++
		default:
			t.Errorf("%s: %d syndicated links, want %d or 0", r.ID, syn, maxLinkGroup-1)
		}
	}
	if linked != maxLinkGroup || unlinked != n-maxLinkGroup {
		t.Errorf("%d records linked, %d not; want %d and %d", linked, unlinked, maxLinkGroup, n-maxLinkGroup)
	}
	st, err := c.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if want := 1 + n - maxLinkGroup; st.Counted != want {
		t.Errorf("%d records counted, want %d", st.Counted, want)
	}
}
