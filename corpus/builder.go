package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"unsafe"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// The rebuild and Put hand bleve documents made here from the mapping's
// field options, instead of bleve's walk of each record's map by reflection
// (about a fourteenth of a rebuild). Where bleve's mapping makes a field
// per value of a list, analyzed and counted on its own and then merged
// into the others of its name by the segment builder, docMaker makes one
// termsField holding all the values of the field, and a stored-only field
// per value for the fields whose values are stored: the segment gets the
// same terms, frequencies, lengths, term vectors (with each value's array
// position), stored values and doc values (see TestDocMaker), and a
// rebuild of 20,000 records took a tenth less CPU time (6,400 records per
// CPU second where it made 5,900).

// fieldSpec is how the mapping indexes one field.
type fieldSpec struct {
	opts     index.FieldIndexingOptions
	analyzer analysis.Analyzer // nil for the keyword analyzer: a value is one term
}

// docMaker makes bleve documents of indexed.doc maps. The analysis of the
// documents it made since its last release is kept in arenas it hands
// back to a pool on release, once bleve has built their segment.
type docMaker struct {
	fields map[string]fieldSpec
	used   []*analysisArena // the arenas of the documents made since release
}

// newDocMaker reads the fields of the mapping's default document mapping
// (one field mapping each, as newMapping makes them).
func newDocMaker(im mapping.IndexMapping) (*docMaker, error) {
	m, ok := im.(*mapping.IndexMappingImpl)
	if !ok || m.DefaultMapping == nil {
		return nil, fmt.Errorf("corpus: index mapping: %T has no default document mapping", im)
	}
	dm := &docMaker{fields: map[string]fieldSpec{}}
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
		if fm.Analyzer == keyword.Name {
			a = nil
		}
		dm.fields[name] = fieldSpec{opts: fm.Options(), analyzer: a}
	}
	return dm, nil
}

// document makes the document of a record from its fields (see
// indexed.fields): a string is a value without array position, the i-th
// string of a list has array position i; fields the mapping lacks are not
// indexed. Its terms are counted in an arena from the pool, which stays
// the document's until release.
func (dm *docMaker) document(r indexed) *document.Document {
	doc := document.NewDocument(r.ID)
	doc.Fields = make([]document.Field, 0, 64) // a field per stored value too
	a := arenas.Get().(*analysisArena)
	dm.used = append(dm.used, a)
	r.fields(func(name string, vals []string, list bool) {
		fs, ok := dm.fields[name]
		if !ok {
			return
		}
		if fs.opts.IsStored() {
			for i, s := range vals {
				doc.AddField(document.NewTextFieldCustom(name, arrayPos(list, i), []byte(s), index.StoreField, nil))
			}
		}
		if fs.opts.IsIndexed() {
			doc.AddField(&termsField{name: name, opts: fs.opts &^ index.StoreField, analyzer: fs.analyzer,
				values: vals, list: list, arena: a})
		}
	})
	doc.SetIndexed()
	return doc
}

// build gives the document of r to bleve's offline builder, and releases
// the arenas once the builder has built a segment of the documents made so
// far. The builder analyzes a batch's documents when Index adds its last
// one, builds and writes its segment, and reads none of them again: when
// the document just given has been analyzed, Index has flushed.
func (dm *docMaker) build(bld index.IndexBuilder, r indexed) error {
	doc := dm.document(r)
	if err := bld.Index(doc); err != nil {
		return err
	}
	if dm.used[len(dm.used)-1].analyzed {
		dm.release()
	}
	return nil
}

// release gives the arenas of the documents made so far back to the pool.
// Call it only when bleve holds none of these documents: after the online
// index's Batch of them returned without error, or after the offline
// builder flushed them (build). zapx, which builds the segments, copies
// the terms (the keys of the counts, which the arenas do not reuse), the
// counts and the locations, and keeps only the array positions, which are
// not the arena's either.
func (dm *docMaker) release() {
	for _, a := range dm.used {
		a.reset()
		arenas.Put(a)
	}
	clear(dm.used)
	dm.used = dm.used[:0]
}

// analysisArena is the memory termsField.Analyze counts one document's
// terms in: the counts and locations (in blocks) and the lower-cased
// terms. Reused from document to document, it spares the collector a
// third of the bytes an import allocates (8.8 GB at 100,000 records
// without arenas, 5.9 with them).
type analysisArena struct {
	tfs      []index.TokenFreq
	locs     []index.TokenLocation
	first    []*index.TokenLocation // the first location of each term
	terms    []byte
	analyzed bool
}

var arenas = sync.Pool{New: func() any { return new(analysisArena) }}

// reset empties the arena, keeping its memory. The counts and locations
// left in the blocks are overwritten as they are taken again.
func (a *analysisArena) reset() {
	a.tfs, a.locs, a.first, a.terms = a.tfs[:0], a.locs[:0], a.first[:0], a.terms[:0]
	a.analyzed = false
}

// A block of counts, locations or pointers is replaced by one twice its
// size, and at least minBlock, when full; the full one stays with the
// counts that point into it until the arena is reset.
const minBlock = 256

func (a *analysisArena) tokenFreq(term []byte) *index.TokenFreq {
	if len(a.tfs) == cap(a.tfs) {
		a.tfs = make([]index.TokenFreq, 0, max(minBlock, 2*cap(a.tfs)))
	}
	a.tfs = append(a.tfs, index.TokenFreq{Term: term})
	return &a.tfs[len(a.tfs)-1]
}

func (a *analysisArena) location(l index.TokenLocation) *index.TokenLocation {
	if len(a.locs) == cap(a.locs) {
		a.locs = make([]index.TokenLocation, 0, max(minBlock, 2*cap(a.locs)))
	}
	a.locs = append(a.locs, l)
	return &a.locs[len(a.locs)-1]
}

// firstLocation returns a list of one location with room for no more, so
// that a second location of the term is appended to a list of its own.
func (a *analysisArena) firstLocation(l *index.TokenLocation) []*index.TokenLocation {
	if len(a.first) == cap(a.first) {
		a.first = make([]*index.TokenLocation, 0, max(minBlock, 2*cap(a.first)))
	}
	a.first = append(a.first, l)
	n := len(a.first)
	return a.first[n-1 : n : n]
}

// arrayPos is the array position of the i-th value of a field: none for a
// string, i for the strings of a list.
func arrayPos(list bool, i int) []uint64 {
	if !list {
		return []uint64{}
	}
	return []uint64{uint64(i)}
}

// termsField is the indexed part of all the values of a field: the terms
// of each value (its analyzer's tokens, or the value itself for a keyword
// field), counted together, with the positions and offsets of each value
// and its array position when the field keeps term vectors. It implements
// bleve's document.Field; it is not stored.
type termsField struct {
	name     string
	opts     index.FieldIndexingOptions
	analyzer analysis.Analyzer
	values   []string
	list     bool
	length   int
	freqs    index.TokenFrequencies
	size     int            // bytes of freqs and their locations
	arena    *analysisArena // where Analyze counts
}

func (f *termsField) Name() string                        { return f.name }
func (f *termsField) ArrayPositions() []uint64            { return nil }
func (f *termsField) Options() index.FieldIndexingOptions { return f.opts }
func (f *termsField) Value() []byte                       { return nil }
func (f *termsField) EncodedFieldType() byte              { return 't' }
func (f *termsField) AnalyzedLength() int                 { return f.length }
func (f *termsField) AnalyzedTokenFrequencies() index.TokenFrequencies {
	return f.freqs
}

func (f *termsField) NumPlainTextBytes() uint64 {
	n := 0
	for _, v := range f.values {
		n += len(v)
	}
	return uint64(n)
}

// Size is the memory the field holds, as counted by Analyze (scorch adds
// it up for its statistics of every document it indexes: walking the
// counts cost a tenth of Put's indexing).
func (f *termsField) Size() int {
	n := 64 + len(f.name) + f.size
	for _, v := range f.values {
		n += 16 + len(v)
	}
	return n
}

// The sizes of a term's count (and its map entry) and of a location with
// its pointer, for Size.
const (
	sizeTokenFreq     = int(unsafe.Sizeof(index.TokenFreq{})) + 16 + 8
	sizeTokenLocation = int(unsafe.Sizeof(index.TokenLocation{})) + 8
)

// Analyze counts the terms of all the values, as bleve's TextField.Analyze
// (analysis.TokenFrequency) does for one value and the segment builder's
// merge of the fields of one name (TokenFrequencies.MergeAll) for several.
// Text analyzed by wordsAnalyzer is split by eachWord straight into the
// counts; the counts, locations and terms are taken from the document's
// arena.
func (f *termsField) Analyze() {
	a := f.arena
	a.analyzed = true
	size := 0
	for _, v := range f.values {
		size += len(v)
	}
	terms := len(f.values) // a keyword field's, a guess for the others
	if f.analyzer != nil {
		terms = size/6 + 1 // Vietnamese words run 4 to 6 bytes with a space
	}
	// A fresh map, sized for the text: one reused from document to
	// document keeps the size of the largest, which the segment builder's
	// walks over it pay for (4 % slower at 100,000 records).
	f.freqs, f.size = make(index.TokenFrequencies, terms), 0
	vectors, count := f.opts.IncludeTermVectors(), !f.opts.SkipFreqNorm()
	var ap []uint64
	add := func(term []byte, start, end, pos int) {
		f.length++
		tf := f.freqs[string(term)]
		if tf == nil {
			tf = a.tokenFreq(term)
			f.freqs[string(term)] = tf
			f.size += 2*len(term) + sizeTokenFreq
		}
		if vectors {
			loc := a.location(index.TokenLocation{ArrayPositions: ap, Start: start, End: end, Position: pos})
			f.size += sizeTokenLocation
			if tf.Locations == nil {
				tf.Locations = a.firstLocation(loc)
			} else {
				tf.Locations = append(tf.Locations, loc)
			}
		}
		if count {
			tf.SetFrequency(tf.Frequency() + 1)
		}
	}
	out := a.terms // the terms, appended: those of the fields before stay
	defer func() { a.terms = out }()
	for i, v := range f.values {
		if vectors {
			ap = arrayPos(f.list, i)
		}
		switch f.analyzer.(type) {
		case nil: // keyword: the value is the term
			from := len(out)
			out = append(out, v...)
			add(out[from:len(out):len(out)], 0, len(v), 1)
			continue
		case wordsAnalyzer:
			var ok bool
			out, ok = eachWord(v, out, func(term []byte, start, end, pos int, _ bool) { add(term, start, end, pos) })
			if ok {
				continue
			}
		}
		for _, t := range f.analyzer.Analyze([]byte(v)) {
			add(t.Term, t.Start, t.End, t.Position)
		}
	}
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
