package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/thidua/thidua/extract"
)

// TestArenasReused indexes generated records along the three paths that
// reuse the analysis arenas from document to document: an Import into an
// empty corpus (the offline builder, which flushes every builderBatch
// documents), an Import into a corpus that has records (Put's batches into
// the live index) and a Reindex. Each index must hold what bleve makes of
// the same records through its own mapping, with no arena: the same terms
// in every field, each found in the same records at the same places.
func TestArenasReused(t *testing.T) {
	n := 3*builderBatch + 123
	var lines bytes.Buffer
	enc := json.NewEncoder(&lines)
	for r := range Generate(readRecords(t, goldSeeds), n) {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}

	bulk, err := Open(t.TempDir(), Options{BatchSize: 97})
	if err != nil {
		t.Fatal(err)
	}
	defer bulk.Close()
	if _, err := bulk.Import(bytes.NewReader(lines.Bytes()), "bulk", nil); err != nil {
		t.Fatal(err)
	}
	var stored []extract.Record
	for r, err := range bulk.All() {
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, r)
	}
	if len(stored) != n {
		t.Fatalf("%d records stored, want %d", len(stored), n)
	}
	want := referenceIndex(t, stored)
	defer want.Close()
	fields := indexSnapshot(t, want)

	live, err := Open(t.TempDir(), Options{BatchSize: 97})
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	first, rest, _ := bytes.Cut(lines.Bytes(), []byte("\n"))
	if _, err := live.Put(readLine(t, first)); err != nil {
		t.Fatal(err)
	}
	if _, err := live.Import(bytes.NewReader(rest), "live", nil); err != nil {
		t.Fatal(err)
	}

	check := func(name string, c *Corpus) {
		t.Helper()
		c.imu.RLock()
		defer c.imu.RUnlock()
		got := indexSnapshot(t, c.index)
		for _, f := range slices.Sorted(maps.Keys(fields)) {
			if got[f] != fields[f] {
				t.Errorf("%s: field %s differs from bleve's own indexing:\n%s", name, f, lineDiff(got[f], fields[f]))
			}
		}
	}
	check("import into an empty corpus", bulk)
	check("import into a corpus with records", live)
	if err := bulk.Reindex(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	check("reindex", bulk)
}

// referenceIndex indexes records with bleve's mapping of their maps
// (indexed.doc), as bleve does for any application.
func referenceIndex(t *testing.T, recs []extract.Record) bleve.Index {
	t.Helper()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.New(t.TempDir()+"/ref.bleve", m)
	if err != nil {
		t.Fatal(err)
	}
	b := idx.NewBatch()
	for _, r := range recs {
		if err := b.Index(r.ID, indexedOf(r).doc()); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	return idx
}

// indexSnapshot writes down, for each field of the mapping, its terms and,
// for every seventh term, the records it finds, with the term's locations
// when the field keeps term vectors. (The dictionaries' document counts
// are left out: scorch's can differ between indexes of the same documents
// split into other segments.)
func indexSnapshot(t *testing.T, idx bleve.Index) map[string]string {
	t.Helper()
	dm, err := newDocMaker(idx.Mapping())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for name, fs := range dm.fields {
		d, err := idx.FieldDict(name)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		var sample []string
		for i := 0; ; i++ {
			e, err := d.Next()
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				break
			}
			fmt.Fprintf(&sb, "%q\n", e.Term)
			if i%7 == 0 {
				sample = append(sample, e.Term)
			}
		}
		d.Close()
		for _, term := range sample {
			q := bleve.NewTermQuery(term)
			q.SetField(name)
			req := bleve.NewSearchRequestOptions(q, 100_000, 0, false)
			req.IncludeLocations = fs.opts.IncludeTermVectors()
			req.SortBy([]string{"_id"})
			res, err := idx.Search(req)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&sb, "%q:", term)
			for _, h := range res.Hits {
				fmt.Fprintf(&sb, " %s", h.ID)
				for _, l := range h.Locations[name][term] {
					fmt.Fprintf(&sb, " %v:%d-%d@%d", l.ArrayPositions, l.Start, l.End, l.Pos)
				}
			}
			sb.WriteByte('\n')
		}
		out[name] = sb.String()
	}
	if len(out) < 10 {
		t.Fatalf("only %d fields in the mapping", len(out))
	}
	return out
}

func readLine(t *testing.T, line []byte) extract.Record {
	t.Helper()
	var r extract.Record
	if err := json.Unmarshal(line, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// lineDiff lists the first lines of got and want that the other lacks.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var sb strings.Builder
	n := 0
	for _, l := range g {
		if !slices.Contains(w, l) && n < 10 {
			fmt.Fprintf(&sb, "+ %s\n", l)
			n++
		}
	}
	for _, l := range w {
		if !slices.Contains(g, l) && n < 20 {
			fmt.Fprintf(&sb, "- %s\n", l)
			n++
		}
	}
	return sb.String()
}
