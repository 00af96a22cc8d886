package corpus

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
)

// TestDocMaker checks that the rebuild's documents have the fields bleve's
// mapping makes of the same records: names, array positions, values,
// indexing options and analyzers.
func TestDocMaker(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	dm, err := newDocMaker(m)
	if err != nil {
		t.Fatal(err)
	}
	type field struct {
		name, pos, value, analyzer string
		opts                       uint64
	}
	fields := func(doc *document.Document) []field {
		var out []field
		for _, f := range doc.Fields {
			tf, ok := f.(*document.TextField)
			if !ok {
				out = append(out, field{name: f.Name(), value: fmt.Sprintf("%T", f)})
				continue
			}
			out = append(out, field{tf.Name(), fmt.Sprint(tf.ArrayPositions()), string(tf.Value()), fmt.Sprintf("%T", tf.Analyzer()), uint64(tf.Options())})
		}
		slices.SortFunc(out, func(a, b field) int {
			return cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(a.pos, b.pos))
		})
		return out
	}
	for _, r := range readRecords(t, fixture) {
		t.Run(r.ID, func(t *testing.T) {
			d := indexedOf(r).doc()
			want := document.NewDocument(r.ID)
			if err := m.MapDocument(want, d); err != nil {
				t.Fatal(err)
			}
			got := dm.document(r.ID, d)
			g, w := fields(got), fields(want)
			if len(w) < 2 {
				t.Fatalf("bleve's mapping made only %v", w)
			}
			if !slices.Equal(g, w) {
				t.Errorf("fields\n%v\nwant (bleve's mapping)\n%v", g, w)
			}
			if got.Indexed() != want.Indexed() {
				t.Errorf("indexed %v, want %v", got.Indexed(), want.Indexed())
			}
		})
	}
}
