package web

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/thidua/thidua/corpus"
)

// paramError is a query parameter that cannot be read; it answers 400.
type paramError struct {
	Name, Value string
	Err         error
}

func (e *paramError) Error() string {
	return fmt.Sprintf("web: parameter %s=%q: %v", e.Name, e.Value, e.Err)
}

func (e *paramError) Unwrap() error { return e.Err }

// filterParams reads the filters the command line has as flags:
// province, province_2025, year ("2021", "2018..2021", "2018..", "..2021"),
// unit, event, level, text and all ("1" or "true").
func filterParams(q url.Values) (corpus.Filter, error) {
	f := corpus.Filter{
		Province:     q.Get("province"),
		Province2025: q.Get("province_2025"),
		Unit:         q.Get("unit"),
		EventType:    q.Get("event"),
		Level:        q.Get("level"),
		Text:         q.Get("text"),
	}
	var err error
	if f.YearFrom, f.YearTo, err = corpus.ParseYears(q.Get("year")); err != nil {
		return f, &paramError{"year", q.Get("year"), err}
	}
	if v := q.Get("all"); v != "" {
		if f.All, err = strconv.ParseBool(v); err != nil {
			return f, &paramError{"all", v, err}
		}
	}
	return f, nil
}

// intParam reads a non-negative integer parameter, def when absent.
func intParam(q url.Values, name string, def int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, &paramError{name, v, err}
	}
	if n < 0 {
		return 0, &paramError{name, v, fmt.Errorf("negative")}
	}
	return n, nil
}

// groupParam reads by=province|province_2025.
func groupParam(q url.Values) (corpus.Group, error) {
	switch v := corpus.Group(q.Get("by")); v {
	case "", corpus.ByProvince, corpus.ByProvince2025:
		return v, nil
	default:
		return "", &paramError{"by", string(v), fmt.Errorf("want %s or %s", corpus.ByProvince, corpus.ByProvince2025)}
	}
}
