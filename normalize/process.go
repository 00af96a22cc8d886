package normalize

import (
	"fmt"
	"io"
)

// Options are the options of Process. The zero value guesses the charset
// and writes the canonical text.
type Options struct {
	// From is the charset label of the input ("windows-1258", "tcvn3",
	// "vni" …); empty guesses it as Decode does for a body without a
	// Content-Type (BOM, <meta>, then the bytes).
	From string
	// Fold writes the match key (Fold) of the canonical text instead of
	// the text.
	Fold bool
}

// Process reads all of r, decodes it, puts it in canonical form and writes
// it to w, followed by a newline unless it is empty. It returns what the
// decoding found (the Decoded without its Text).
func Process(w io.Writer, r io.Reader, opt Options) (Decoded, error) {
	body, err := io.ReadAll(r)
	if err != nil {
		return Decoded{}, fmt.Errorf("normalize: reading: %w", err)
	}
	var d Decoded
	if opt.From != "" {
		d, err = decodeNamed(body, opt.From, SourceLabel) // taken at its word
	} else {
		d, err = Decode(body, "")
	}
	if err != nil {
		return Decoded{}, err
	}
	out := String(d.Text)
	if opt.Fold {
		out = Fold(out)
	}
	d.Text = ""
	if out == "" {
		return d, nil
	}
	if _, err := io.WriteString(w, out+"\n"); err != nil {
		return d, fmt.Errorf("normalize: writing: %w", err)
	}
	return d, nil
}
