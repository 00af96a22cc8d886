package corpus

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
)

// indexedField is what a segment gets of the fields of one name of a
// document: bleve's segment builder adds up their lengths and merges their
// term frequencies and vectors, and stores each stored value.
type indexedField struct {
	length  int
	opts    index.FieldIndexingOptions // of the indexed fields, without Store
	terms   []string                   // term, frequency, locations
	stored  []string                   // array positions and value
	indexed bool
}

// segmentView analyzes a document's fields and groups them by name, as
// the segment builder does.
func segmentView(doc *document.Document) map[string]*indexedField {
	out := map[string]*indexedField{}
	freqs := map[string]index.TokenFrequencies{}
	doc.VisitFields(func(f index.Field) {
		v := out[f.Name()]
		if v == nil {
			v = &indexedField{}
			out[f.Name()] = v
		}
		if f.Options().IsStored() {
			v.stored = append(v.stored, fmt.Sprint(f.ArrayPositions(), string(f.Value())))
		}
		if !f.Options().IsIndexed() {
			return
		}
		v.indexed = true
		v.opts |= f.Options() &^ index.StoreField
		f.Analyze()
		v.length += f.AnalyzedLength()
		if freqs[f.Name()] == nil {
			freqs[f.Name()] = index.TokenFrequencies{}
		}
		freqs[f.Name()].MergeAll(f.Name(), f.AnalyzedTokenFrequencies())
	})
	for name, tfs := range freqs {
		for _, k := range slices.Sorted(maps.Keys(tfs)) {
			tf := tfs[k]
			var locs []string
			for _, l := range tf.Locations {
				locs = append(locs, fmt.Sprintf("%v:%d-%d@%d", l.ArrayPositions, l.Start, l.End, l.Position))
			}
			out[name].terms = append(out[name].terms, fmt.Sprintf("%q×%d %s", tf.Term, tf.Frequency(), strings.Join(locs, " ")))
		}
	}
	return out
}

// TestDocMaker checks that the documents docMaker makes give a segment the
// same fields as those bleve's mapping makes of the same records: terms,
// frequencies, lengths, term vectors, stored values and indexing options.
func TestDocMaker(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	dm, err := newDocMaker(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range readRecords(t, fixture) {
		t.Run(r.ID, func(t *testing.T) {
			d := indexedOf(r).doc()
			want := document.NewDocument(r.ID)
			if err := m.MapDocument(want, d); err != nil {
				t.Fatal(err)
			}
			got := dm.document(indexedOf(r))
			g, w := segmentView(got), segmentView(want)
			if len(w) < 2 {
				t.Fatalf("bleve's mapping made only %v", w)
			}
			for _, name := range slices.Sorted(maps.Keys(w)) {
				gf, wf := g[name], w[name]
				switch {
				case gf == nil:
					t.Errorf("%s: missing", name)
				case gf.length != wf.length || gf.opts != wf.opts || gf.indexed != wf.indexed:
					t.Errorf("%s: length %d, options %v, indexed %v; want %d, %v, %v", name, gf.length, gf.opts, gf.indexed, wf.length, wf.opts, wf.indexed)
				case !slices.Equal(gf.terms, wf.terms):
					t.Errorf("%s: terms\n%q\nwant (bleve's mapping)\n%q", name, gf.terms, wf.terms)
				case !slices.Equal(gf.stored, wf.stored):
					t.Errorf("%s: stored\n%q\nwant (bleve's mapping)\n%q", name, gf.stored, wf.stored)
				}
			}
			for name := range g {
				if w[name] == nil {
					t.Errorf("%s: not made by bleve's mapping", name)
				}
			}
			if got.Indexed() != want.Indexed() {
				t.Errorf("indexed %v, want %v", got.Indexed(), want.Indexed())
			}
		})
	}
}
