package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// The rebuild hands the offline builder documents made here from the
// mapping's field options, instead of bleve.Builder's walk of each record's
// map by reflection (about a fourteenth of a rebuild). docMaker makes the
// same fields, options and array positions as mapping.MapDocument (see
// TestDocMaker).

// fieldSpec is how the mapping indexes one field.
type fieldSpec struct {
	opts     index.FieldIndexingOptions
	analyzer analysis.Analyzer
}

// docMaker makes bleve documents of indexed.doc maps.
type docMaker map[string]fieldSpec

// newDocMaker reads the fields of the mapping's default document mapping
// (one field mapping each, as newMapping makes them).
func newDocMaker(im mapping.IndexMapping) (docMaker, error) {
	m, ok := im.(*mapping.IndexMappingImpl)
	if !ok || m.DefaultMapping == nil {
		return nil, fmt.Errorf("corpus: index mapping: %T has no default document mapping", im)
	}
	dm := docMaker{}
	for name, sub := range m.DefaultMapping.Properties {
		if !sub.Enabled || len(sub.Fields) == 0 {
			continue
		}
		if len(sub.Fields) != 1 || sub.Fields[0].Type != "text" {
			return nil, fmt.Errorf("corpus: index mapping: field %s is not one text field", name)
		}
		fm := sub.Fields[0]
		a := m.AnalyzerNamed(fm.Analyzer)
		if a == nil {
			return nil, fmt.Errorf("corpus: index mapping: field %s: no analyzer %q", name, fm.Analyzer)
		}
		dm[name] = fieldSpec{opts: fm.Options(), analyzer: a}
	}
	return dm, nil
}

// document makes the document of record id from its map (indexed.doc):
// a string is one field without array positions, the i-th string of a
// list has array position i; fields the mapping lacks are not indexed.
func (dm docMaker) document(id string, d map[string]any) *document.Document {
	doc := document.NewDocument(id)
	for name, v := range d {
		fs, ok := dm[name]
		if !ok {
			continue
		}
		switch v := v.(type) {
		case string:
			doc.AddField(document.NewTextFieldCustom(name, []uint64{}, []byte(v), fs.opts, fs.analyzer))
		case []string:
			for i, s := range v {
				doc.AddField(document.NewTextFieldCustom(name, []uint64{uint64(i)}, []byte(s), fs.opts, fs.analyzer))
			}
		}
	}
	doc.SetIndexed()
	return doc
}

// newBuilder makes bleve's offline builder in path, as bleve.NewBuilder
// does (the index meta file, the mapping kept as internal data, segments
// in path/store) but returning scorch's builder, which takes documents.
func newBuilder(path string, m mapping.IndexMapping, config map[string]any) (index.IndexBuilder, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	mb, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(path, 0o700); err != nil {
		return nil, err
	}
	meta, err := json.Marshal(map[string]string{"storage": scorch.Name, "index_type": scorch.Name})
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(path, "index_meta.json"), meta, 0o666); err != nil {
		return nil, err
	}
	cfg := map[string]any{
		"internal": map[string][]byte{"_mapping": mb},
		"path":     filepath.Join(path, "store"),
	}
	for k, v := range config {
		cfg[k] = v
	}
	return scorch.NewBuilder(cfg)
}
