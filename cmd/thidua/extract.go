package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/thidua/thidua/crawl"
	"github.com/thidua/thidua/crawl/warc"
	"github.com/thidua/thidua/extract"
	"github.com/thidua/thidua/normalize"
)

// extractOptions are the flags of `thidua extract`.
type extractOptions struct {
	output       string
	relevantOnly bool
	withText     bool
	fromArchive  string
}

func newExtractCmd() *cobra.Command {
	var o extractOptions
	cmd := &cobra.Command{
		Use:   "extract [FILE|-]...",
		Short: "Extract one record per article from JSONL documents, HTML or text files",
		Long: `Extract reads documents and writes one JSONL record per document, in input
order (see ../shared/spec/record.md for the record).

Inputs:
  FILE.jsonl, -   one JSON document per line: {"id", "url", "title", "html", "text"}
                  (any may be missing; html wins over text)
  FILE.html       one HTML page (decoded by its <meta charset>, else guessed)
  FILE.txt        one plain-text article
With no FILE, standard input is read as JSONL.

With --from-archive DATA, the pages of the crawl's WARC archive (DATA/warc,
or DATA itself when it holds the .warc.gz files) are extracted again,
without fetching: one record per URL, from its latest fetch.

A line that is not JSON, or a document with neither html nor text, is
reported on stderr with its file and line; the other documents are still
extracted, and the exit status is 3.`,
		Example: `  thidua extract ../shared/gold/dev.docs.jsonl > dev.pred.jsonl
  thidua extract --relevant-only -o records.jsonl pages/*.html
  thidua extract --from-archive ./thidua-data --relevant-only > records.jsonl`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExtract(cmd, args, o)
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write records to `FILE` instead of stdout")
	cmd.Flags().BoolVar(&o.relevantOnly, "relevant-only", false, "write only records of relevant articles")
	cmd.Flags().BoolVar(&o.withText, "with-text", false, "add the normalized text the evidence offsets point into, as \"text\"")
	cmd.Flags().StringVar(&o.fromArchive, "from-archive", "", "extract the archived pages of the data directory `DATA` instead of files")
	return cmd
}

func runExtract(cmd *cobra.Command, args []string, o extractOptions) (err error) {
	out := cmd.OutOrStdout()
	if o.output != "" {
		f, err := os.Create(o.output)
		if err != nil {
			return &exitError{4, err}
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = cerr
			}
		}()
		out = f
	}
	w := bufio.NewWriter(out)
	defer func() {
		if ferr := w.Flush(); err == nil && ferr != nil {
			err = ferr
		}
	}()
	bad := 0
	emit := func(res extract.Result) error {
		if o.relevantOnly && !res.Record.Relevant {
			return nil
		}
		var b []byte
		var err error
		if o.withText {
			b, err = withTextField(res)
		} else {
			b, err = json.Marshal(res.Record)
		}
		if err != nil {
			return err
		}
		b = append(b, '\n')
		_, err = w.Write(b)
		return err
	}
	if o.fromArchive != "" {
		if len(args) > 0 {
			return &exitError{1, errors.New("extract: --from-archive takes no files")}
		}
		if err := extractArchive(o.fromArchive, emit); err != nil {
			return &exitError{4, err}
		}
		return nil
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	for _, name := range args {
		n, err := extractInput(cmd, name, emit)
		bad += n
		if err != nil {
			return &exitError{4, err}
		}
	}
	if bad > 0 {
		return &exitError{3, fmt.Errorf("extract: %d document(s) could not be read", bad)}
	}
	return nil
}

// extractArchive extracts the latest fetch of every page in a crawl's
// archive, in the order those fetches were archived. A first pass notes
// where each URL's latest fetch is, so that memory holds a location per URL,
// not the pages.
func extractArchive(data string, emit func(extract.Result) error) error {
	dir := data
	if fi, err := os.Stat(filepath.Join(data, "warc")); err == nil && fi.IsDir() {
		dir = filepath.Join(data, "warc")
	}
	latest := map[string]warc.Location{}
	err := crawl.ReadArchive(dir, func(p crawl.ArchivedPage) error {
		latest[p.URL] = p.Location
		return nil
	})
	if err != nil {
		return err
	}
	return crawl.ReadArchive(dir, func(p crawl.ArchivedPage) error {
		if latest[p.URL] != p.Location {
			return nil
		}
		res, err := extract.Extract(extract.Document{URL: p.URL, HTML: p.HTML}, extract.Options{})
		if err != nil {
			return fmt.Errorf("%s: %w", p.URL, err)
		}
		return emit(res)
	})
}

// withTextField writes a record with its text as one JSON object.
func withTextField(res extract.Result) ([]byte, error) {
	b, err := json.Marshal(res.Record)
	if err != nil {
		return nil, err
	}
	t, err := json.Marshal(res.Text)
	if err != nil {
		return nil, err
	}
	b = append(b[:len(b)-1], `,"text":`...)
	b = append(b, t...)
	return append(b, '}'), nil
}

// extractInput extracts every document of one input, reporting bad
// documents on stderr; it returns how many were bad.
func extractInput(cmd *cobra.Command, name string, emit func(extract.Result) error) (int, error) {
	stderr := cmd.ErrOrStderr()
	var r io.Reader
	if name == "-" {
		r = cmd.InOrStdin()
		name = "<stdin>"
	} else {
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		r = f
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".txt":
		b, err := io.ReadAll(r)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
		doc := extract.Document{ID: strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))}
		if strings.HasSuffix(strings.ToLower(name), ".txt") {
			d, err := normalize.Decode(b, "text/plain")
			if err != nil {
				return 0, fmt.Errorf("%s: %w", name, err)
			}
			doc.Text = d.Text
		} else {
			d, err := normalize.Decode(b, "")
			if err != nil {
				return 0, fmt.Errorf("%s: %w", name, err)
			}
			doc.HTML = d.Text
		}
		res, err := extract.Extract(doc, extract.Options{})
		if err != nil {
			fmt.Fprintf(stderr, "thidua: %s: %v\n", name, err)
			return 1, nil
		}
		return 0, emit(res)
	}
	bad := 0
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(strings.TrimSpace(string(b))) > 0 {
			var doc extract.Document
			if jerr := json.Unmarshal(b, &doc); jerr != nil {
				fmt.Fprintf(stderr, "thidua: %s:%d: not a JSON document: %v\n", name, line, jerr)
				bad++
			} else if res, xerr := extract.Extract(doc, extract.Options{}); xerr != nil {
				fmt.Fprintf(stderr, "thidua: %s:%d: %v\n", name, line, xerr)
				bad++
			} else if werr := emit(res); werr != nil {
				return bad, werr
			}
		}
		if errors.Is(err, io.EOF) {
			return bad, nil
		}
		if err != nil {
			return bad, fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
}
