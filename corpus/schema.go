package corpus

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/thidua/thidua/extract"
)

// WriteSchema writes a JSON Schema (draft 2020-12) of a record as Dump
// writes it in JSONL (spec/record.md).
func WriteSchema(w io.Writer) error {
	var units, levels []string
	for _, u := range extract.Units {
		units = append(units, u.Code)
	}
	levels = []string{extract.LevelProvince, extract.LevelDistrict, extract.LevelMinistry}
	str := func(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }
	nstr := func(desc string) map[string]any {
		return map[string]any{"type": []string{"string", "null"}, "description": desc}
	}
	unitRef := map[string]any{"enum": append(append([]any{}, toAny(units)...), nil)}
	schema := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         "https://github.com/thidua/thidua/record.schema.json",
		"title":       "thidua record",
		"description": "One news article about a Khối thi đua Nội chính (internal-affairs emulation bloc), as extracted by " + extract.Version + " (spec/record.md).",
		"type":        "object",
		"required":    []string{"id", "relevant", "event_types", "members", "members_complete", "awards", "extractor"},
		"properties": map[string]any{
			"id":            str("the input document's id, or the first 16 hex digits of SHA-256 of the URL"),
			"url":           nstr("the article's URL"),
			"source":        nstr("the URL's host name"),
			"title":         nstr("the headline"),
			"published":     nstr("publication time, RFC 3339 or YYYY-MM-DD"),
			"relevant":      map[string]any{"type": "boolean", "description": "the article is about an internal-affairs emulation bloc as a whole"},
			"level":         map[string]any{"enum": append(toAny(levels), nil), "description": "administrative level of the bloc"},
			"province":      nstr("canonical province name as it was at the event date"),
			"province_2025": nstr("the unit the province belongs to after the July 2025 merger"),
			"year":          map[string]any{"type": []string{"integer", "null"}, "description": "the emulation year the event is about"},
			"event_date":    map[string]any{"type": []string{"string", "null"}, "format": "date", "description": "the day the event took place"},
			"event_types": map[string]any{"type": "array", "items": map[string]any{"enum": toAny(extract.EventOrder)},
				"description": "every kind of event the article reports"},
			"bloc": map[string]any{"type": []string{"object", "null"}, "properties": map[string]any{
				"name": str("the bloc's fullest name as written"), "number": nstr("the bloc's number")}},
			"members": map[string]any{"type": "array", "description": "member agencies in order of first mention",
				"items": map[string]any{"type": "object", "required": []string{"name", "unit"}, "properties": map[string]any{
					"name": str("as written, normalized"), "unit": map[string]any{"enum": toAny(units)}}}},
			"members_complete": map[string]any{"type": "boolean", "description": "the article enumerates the membership"},
			"member_count":     map[string]any{"type": []string{"integer", "null"}, "description": "number of members the text states"},
			"theme":            nstr("the bloc's slogan or theme for the year"),
			"awards": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
				"title": str("normalized title of the award"), "kind": str("kind from the Awards table"),
				"recipient": nstr("as written"), "recipient_unit": unitRef,
				"status": map[string]any{"enum": []string{extract.AwardConferred, extract.AwardProposed}}}}},
			"leader":    unitRef,
			"deputy":    unitRef,
			"evidence":  map[string]any{"type": "object", "description": "field -> span of normalized text (rune offsets) it came from"},
			"extractor": str("the extractor version that made the record"),
			"links": map[string]any{"type": "array", "description": "other articles that are copies (syndicated) or about the same event (same-event)",
				"items": map[string]any{"type": "object", "properties": map[string]any{
					"id": str("the other record"), "url": str("its URL"),
					"relation": map[string]any{"enum": []string{RelSyndicated, RelSameEvent}}}}},
		},
	}
	b, err := json.MarshalIndent(schema, "", "  ")
	if err != nil {
		return fmt.Errorf("corpus: schema: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("corpus: schema: %w", err)
	}
	return nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
