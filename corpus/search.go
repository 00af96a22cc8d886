package corpus

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/search/highlight/highlighter/ansi" // the "ansi" style of Page.Highlight
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/thidua/thidua/extract"
	"github.com/thidua/thidua/normalize"
)

// Page selects the hits a Search returns; the zero value gives the first 20
// with HTML highlighting (<mark>).
type Page struct {
	Offset, Limit int
	// Highlight is the fragment style: "html" (default) or "ansi" for a
	// terminal.
	Highlight string
	// FacetSize is the number of terms per facet; 0 means 20.
	FacetSize int
}

// Hit is one matching record.
type Hit struct {
	Record    extract.Record      `json:"record"`
	Score     float64             `json:"score"`
	Fragments map[string][]string `json:"fragments,omitempty"` // field -> highlighted snippets
}

// FacetTerm is one value of a facet with its count.
type FacetTerm struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// SearchResult holds a page of hits and facet counts over all hits.
type SearchResult struct {
	Query  string                 `json:"query"`
	Total  uint64                 `json:"total"`
	Hits   []Hit                  `json:"hits"`
	Facets map[string][]FacetTerm `json:"facets"`
}

// Facets computed by Search, by field.
var facetFields = []string{"province", "province_2025", "year_term", "units", "event_types", "award_kinds", "source"}

// exactBoost weighs a match as typed (with its diacritics) above a match
// of the folded form.
const exactBoost = 3

// highlightFields are the stored text fields fragments come from.
var highlightFields = []string{"title", "bloc", "theme", "members", "awards"}

// textQuery turns a bleve query string into a query over the exact and the
// folded fields. A plain query (no query syntax) is matched field by field,
// as typed over the exact fields (boosted by exactBoost when it has
// diacritics) and folded over the folded ones, and a unit it names ("BĐBP",
// "Biên phòng") also matches the unit keyword. A query using the syntax
// (field:, +, -, quotes ...) runs as typed over the exact fields (boosted
// when it has diacritics), and folded over the exact and the folded ones,
// which finds text written with or without diacritics (phrases only where
// positions are kept: the exact fields); terms that name a field stay on it.
func textQuery(q string) (query.Query, error) {
	q = normalize.String(strings.TrimSpace(q))
	if q == "" {
		return bleve.NewMatchAllQuery(), nil
	}
	qs := bleve.NewQueryStringQuery(q)
	if _, err := qs.Parse(); err != nil {
		return nil, fmt.Errorf("%w: %q: %w", ErrBadQuery, q, err)
	}
	plain := !strings.ContainsAny(q, ":+-\"*?^~()/\\")
	fq := normalize.Fold(q)
	accented := fq != strings.ToLower(q)
	var alts []query.Query
	if plain {
		// Field by field, so that an exact and a folded match in one
		// field are scored with the same length norm.
		for _, f := range textFields {
			if accented {
				m := bleve.NewMatchQuery(q)
				m.SetField(f)
				m.SetBoost(exactBoost)
				alts = append(alts, m)
			}
			m := bleve.NewMatchQuery(fq)
			m.SetField(f + foldedSuffix)
			alts = append(alts, m)
		}
		if code, ok := extract.ResolveUnit(q); ok && code != extract.UnitOther {
			t := bleve.NewTermQuery(code)
			t.SetField("units")
			alts = append(alts, t)
		}
	} else {
		// Folded, over the folded fields and (for phrases, which need the
		// positions only the exact fields keep, and for text written
		// without diacritics) over the exact ones.
		folded, err := parsedOver(bleve.NewQueryStringQuery(fq), append(fieldNames(""), fieldNames(foldedSuffix)...))
		if err != nil {
			return nil, fmt.Errorf("%w: %q: %w", ErrBadQuery, q, err)
		}
		alts = append(alts, folded)
		if accented {
			exact, err := parsedOver(qs, fieldNames(""))
			if err != nil {
				return nil, fmt.Errorf("%w: %q: %w", ErrBadQuery, q, err)
			}
			if b, ok := exact.(query.BoostableQuery); ok {
				b.SetBoost(exactBoost)
			}
			alts = append(alts, exact)
		}
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return bleve.NewDisjunctionQuery(alts...), nil
}

// parsedOver parses a query string and spreads its terms that name no
// field over fields.
func parsedOver(qs *query.QueryStringQuery, fields []string) (query.Query, error) {
	pq, err := qs.Parse()
	if err != nil {
		return nil, err
	}
	return overFields(pq, fields)
}

// fieldNames returns the text fields with a suffix.
func fieldNames(suffix string) []string {
	names := make([]string, len(textFields))
	for i, f := range textFields {
		names[i] = f + suffix
	}
	return names
}

// filterQuery adds the filter's conditions to q.
func filterQuery(q query.Query, f resolved) (query.Query, error) {
	conj := []query.Query{q}
	term := func(field, val string) {
		t := bleve.NewTermQuery(val)
		t.SetField(field)
		conj = append(conj, t)
	}
	if !f.All {
		term("relevant", "true")
	}
	if f.Province != "" {
		term("province", f.Province)
	}
	if f.Province2025 != "" {
		term("province_2025", f.Province2025)
	}
	if f.unit != "" {
		term("units", f.unit)
	}
	if f.EventType != "" {
		term("event_types", f.EventType)
	}
	if f.Level != "" {
		term("level", f.Level)
	}
	if f.YearFrom != 0 || f.YearTo != 0 {
		conj = append(conj, yearRange(f.YearFrom, f.YearTo))
	}
	if f.Text != "" {
		tq, err := textQuery(f.Text)
		if err != nil {
			return nil, err
		}
		conj = append(conj, tq)
	}
	if len(conj) == 1 {
		return q, nil
	}
	return bleve.NewConjunctionQuery(conj...), nil
}

// Search runs a bleve query string (see bleve's query-string syntax; an
// empty query matches everything) over the records that pass the filter,
// and returns one page of hits, highlighted, with facet counts.
func (c *Corpus) Search(q string, f Filter, p Page) (*SearchResult, error) {
	rf, err := f.resolve()
	if err != nil {
		return nil, err
	}
	tq, err := textQuery(q)
	if err != nil {
		return nil, err
	}
	full, err := filterQuery(tq, rf)
	if err != nil {
		return nil, err
	}
	if p.Limit <= 0 {
		p.Limit = 20
	}
	if p.FacetSize <= 0 {
		p.FacetSize = 20
	}
	if p.Highlight == "" {
		p.Highlight = "html"
	}
	req := bleve.NewSearchRequestOptions(full, p.Limit, p.Offset, false)
	req.Highlight = bleve.NewHighlightWithStyle(p.Highlight)
	for _, h := range highlightFields {
		req.Highlight.AddField(h)
	}
	for _, ff := range facetFields {
		req.AddFacet(ff, bleve.NewFacetRequest(ff, p.FacetSize))
	}
	idx, err := c.rlockIndex()
	if err != nil {
		return nil, err
	}
	res, err := idx.Search(req)
	c.imu.RUnlock()
	if err != nil {
		return nil, fmt.Errorf("corpus: search %q: %w", q, err)
	}
	out := &SearchResult{Query: q, Total: res.Total, Facets: map[string][]FacetTerm{}}
	for _, h := range res.Hits {
		r, ok, err := c.Get(h.ID)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // indexed but since removed: the next rebuild drops it
		}
		hit := Hit{Record: r, Score: h.Score}
		for field, frs := range h.Fragments {
			for _, fr := range frs {
				// bleve returns the start of a field that matched
				// without a highlighted term; keep only real snippets.
				if strings.Contains(fr, "<mark>") || strings.Contains(fr, "\x1b[") {
					if hit.Fragments == nil {
						hit.Fragments = map[string][]string{}
					}
					hit.Fragments[field] = append(hit.Fragments[field], fr)
				}
			}
		}
		out.Hits = append(out.Hits, hit)
	}
	for name, fr := range res.Facets {
		var terms []FacetTerm
		if fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				terms = append(terms, FacetTerm{t.Term, t.Count})
			}
		}
		slices.SortStableFunc(terms, func(a, b FacetTerm) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Term, b.Term)
		})
		out.Facets[name] = terms
	}
	return out, nil
}

// matchingIDs returns the ids of the records matching a query string.
func (c *Corpus) matchingIDs(q string) (map[string]bool, error) {
	tq, err := textQuery(q)
	if err != nil {
		return nil, err
	}
	idx, err := c.rlockIndex()
	if err != nil {
		return nil, err
	}
	defer c.imu.RUnlock()
	n, err := idx.DocCount()
	if err != nil {
		return nil, fmt.Errorf("corpus: search %q: %w", q, err)
	}
	req := bleve.NewSearchRequestOptions(tq, int(n)+1, 0, false)
	req.SortBy([]string{"_id"})
	res, err := idx.Search(req)
	if err != nil {
		return nil, fmt.Errorf("corpus: search %q: %w", q, err)
	}
	ids := make(map[string]bool, len(res.Hits))
	for _, h := range res.Hits {
		ids[h.ID] = true
	}
	return ids, nil
}
