package corpus

import (
	"encoding/json"

	"github.com/blevesearch/bleve/v2/search/query"
)

// The mapping builds no composite _all field (indexing every text a third
// time cost about a sixth of the indexing time). A query string's terms
// that name no field, which bleve would look up in _all, are spread over
// the text fields by overFields instead.

// overFields rewrites the leaves of a parsed query that name no field into
// a disjunction of the leaf over fields. Compound queries are changed in
// place, which keeps their query-string semantics (a lone -term).
func overFields(q query.Query, fields []string) (query.Query, error) {
	var err error
	switch x := q.(type) {
	case *query.BooleanQuery:
		for _, p := range []*query.Query{&x.Must, &x.Should, &x.MustNot, &x.Filter} {
			if *p != nil {
				if *p, err = overFields(*p, fields); err != nil {
					return nil, err
				}
			}
		}
		return x, nil
	case *query.ConjunctionQuery:
		for i := range x.Conjuncts {
			if x.Conjuncts[i], err = overFields(x.Conjuncts[i], fields); err != nil {
				return nil, err
			}
		}
		return x, nil
	case *query.DisjunctionQuery:
		for i := range x.Disjuncts {
			if x.Disjuncts[i], err = overFields(x.Disjuncts[i], fields); err != nil {
				return nil, err
			}
		}
		return x, nil
	case query.FieldableQuery:
		if x.Field() != "" {
			return x, nil
		}
		// A copy per field, through the query's JSON form, which bleve
		// reads back into the same kind of query.
		b, err := json.Marshal(x)
		if err != nil {
			return nil, err
		}
		alts := make([]query.Query, 0, len(fields))
		for _, f := range fields {
			cp, err := query.ParseQuery(b)
			if err != nil {
				return nil, err
			}
			fq, ok := cp.(query.FieldableQuery)
			if !ok {
				return x, nil
			}
			fq.SetField(f)
			alts = append(alts, fq)
		}
		return query.NewDisjunctionQuery(alts), nil
	}
	return q, nil
}
