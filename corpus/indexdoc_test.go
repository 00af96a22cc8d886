package corpus

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestYearKey checks that year keys sort as the years do, negative and
// large ones included, so that a term range over them is a year range.
func TestYearKey(t *testing.T) {
	years := []int{math.MinInt64, -2000, -1, 0, 1, 9, 10, 999, 1000, 1999, 2019, 2020, 2100, 9999, 10000, 123456, math.MaxInt64}
	for i := 1; i < len(years); i++ {
		a, b := years[i-1], years[i]
		t.Run(yearKey(a)+"<"+yearKey(b), func(t *testing.T) {
			if ka, kb := yearKey(a), yearKey(b); ka >= kb || len(ka) != 16 || len(kb) != 16 {
				t.Errorf("yearKey(%d) = %q, yearKey(%d) = %q: want 16 digits each, in the years' order", a, ka, b, kb)
			}
		})
	}
}

// TestIndexedOf checks that Put's path and the rebuild's decoding of the
// stored JSON give the same indexed document for every fixture record.
func TestIndexedOf(t *testing.T) {
	for _, r := range readRecords(t, fixture) {
		t.Run(r.ID, func(t *testing.T) {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			var dec indexed
			if err := json.NewDecoder(bytes.NewReader(b)).Decode(&dec); err != nil {
				t.Fatal(err)
			}
			got, want := dec.doc(), indexedOf(r).doc()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decoded %v\nfrom the record %v", got, want)
			}
			if r.Year != 0 && got["year_key"] != yearKey(r.Year) {
				t.Errorf("year_key %v, want %q", got["year_key"], yearKey(r.Year))
			}
		})
	}
}

// TestYearRangeOpenEnds searches year ranges with one end open.
func TestYearRangeOpenEnds(t *testing.T) {
	c := openFixture(t)
	recs := readRecords(t, fixture)
	tests := []struct {
		name     string
		from, to int
	}{
		{"from 2019", 2019, 0},
		{"to 2018", 0, 2018},
		{"2020 only", 2020, 2020},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Filter{YearFrom: tt.from, YearTo: tt.to, All: true}
			res, err := c.Search("", f, Page{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			var got, want []string
			for _, h := range res.Hits {
				got = append(got, h.Record.ID)
			}
			rf, err := f.resolve()
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range recs {
				if r.Year != 0 && rf.yearIn(r.Year) {
					want = append(want, r.ID)
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			want = slices.Compact(want)
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("hits %v, want %v", got, want)
			}
		})
	}
}

// TestOldIndexRebuilt opens a data directory whose index has no year_key
// field (as made before year ranges searched it) and current generation
// marker: the read-write open rebuilds it, and year ranges find records.
func TestOldIndexRebuilt(t *testing.T) {
	dir := fixtureDir(t)
	gen := func() uint64 {
		c, err := Open(dir, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		g, err := c.Generation()
		if err != nil {
			t.Fatal(err)
		}
		return g
	}()
	path := filepath.Join(dir, indexDirName)
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
	old, err := bleve.New(path, bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	if err := old.SetInternal([]byte(internalGenKey), encodeUint(gen)); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	c, err := Open(dir, Options{Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !strings.Contains(log.String(), "no year_key field") {
		t.Errorf("log %q does not say why the index is rebuilt", log.String())
	}
	res, err := c.Search("", Filter{YearFrom: 2018, YearTo: 2019}, Page{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Errorf("no hits for 2018..2019 after the rebuild")
	}
}

// TestOldFormatRebuilt opens a data directory whose index has the year_key
// field but no format marker (as made by the "vi" analyzer, before
// indexFormat): a read-only open uses it with a notice, a read-write open
// rebuilds it with its reason, and the rebuilt index is of indexFormat.
func TestOldFormatRebuilt(t *testing.T) {
	dir := fixtureDir(t)
	registerAnalysis()
	idx, err := bleve.Open(filepath.Join(dir, indexDirName)) // safe batches: persisted before DeleteInternal returns
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.DeleteInternal([]byte(internalFormatKey)); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	ro := openRO(t, dir, Options{Log: &log})
	if _, err := ro.Search("biên phòng", Filter{}, Page{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), `is of format ""`) {
		t.Errorf("read-only open: log %q does not tell the index is of an old format", log.String())
	}
	ro.Close()
	log.Reset()
	c, err := Open(dir, Options{Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !strings.Contains(log.String(), `is of format ""`) || !strings.Contains(log.String(), "rebuilding") {
		t.Errorf("log %q does not say why the index is rebuilt", log.String())
	}
	c.imu.RLock()
	f := indexFormatOf(c.index)
	c.imu.RUnlock()
	if f != indexFormat {
		t.Errorf("rebuilt index of format %q, want %q", f, indexFormat)
	}
}
