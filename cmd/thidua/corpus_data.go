package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/thidua/thidua/corpus"
)

func newIndexCmd() *cobra.Command {
	var dir string
	var rebuild bool
	cmd := &cobra.Command{
		Use:   "index",
		Short: "Build or update the search index from the records",
		Long: `index brings the bleve index up to date with the records (rebuilding it when
it is missing, does not open, or is behind), or rebuilds it with --rebuild.
The index can always be rebuilt from the records.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := openCorpus(cmd, dir)
			if err != nil {
				return err
			}
			defer c.Close()
			if rebuild {
				if err := c.Reindex(cmd.Context(), progress(cmd.ErrOrStderr(), "indexing")); err != nil {
					return err
				}
			}
			g, err := c.IndexGeneration()
			if err != nil {
				return err
			}
			st, err := c.Stats()
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "index of %s up to date: %d records, generation %d\n", c.Dir(), st.Records, g)
			return err
		},
	}
	addDataFlag(cmd, &dir)
	cmd.Flags().BoolVar(&rebuild, "rebuild", false, "rebuild the index from the records")
	return cmd
}

func newImportCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "import FILE.jsonl...",
		Short: "Add records made elsewhere (thidua extract, a dump) to the store and the index",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := openCorpus(cmd, dir)
			if err != nil {
				return err
			}
			defer c.Close()
			skipped := 0
			for _, name := range args {
				f, err := os.Open(name)
				if err != nil {
					return err
				}
				in, lines, done := importProgress(cmd.ErrOrStderr(), f, name)
				st, err := c.Import(in, name, lines)
				done()
				f.Close()
				for _, le := range st.Skipped {
					fmt.Fprintln(cmd.ErrOrStderr(), le.Error())
				}
				skipped += len(st.Skipped)
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %d added, %d updated, %d linked, %d lines skipped\n",
					name, st.Added, st.Updated, st.Linked, len(st.Skipped))
				if err != nil {
					return err
				}
			}
			if skipped > 0 {
				return &exitError{code: 2, err: fmt.Errorf("%d lines skipped (the others were imported)", skipped)}
			}
			return nil
		},
	}
	addDataFlag(cmd, &dir)
	return cmd
}

func newDumpCmd() *cobra.Command {
	var dir, out, format string
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "dump",
		Short: "Write the dataset as JSONL or CSV, with its JSON Schema and dataset card beside it",
		Long: `dump writes the records that pass the filters to -o FILE (or stdout) as JSONL
or CSV. Beside FILE it writes FILE's name with .schema.json (a JSON Schema of
the record) and .card.md (the dataset card).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, f, err := readerWithFilter(cmd, dir, &ff)
			if err != nil {
				return err
			}
			defer c.Close()
			if out == "" || out == "-" {
				_, err := c.Dump(cmd.OutOrStdout(), f, format)
				return err
			}
			return dumpFiles(c, out, f, format)
		},
	}
	addDataFlag(cmd, &dir)
	ff.add(cmd, true)
	cmd.Flags().BoolVar(&ff.all, "all", false, "include non-relevant records")
	cmd.Flags().StringVarP(&out, "output", "o", "", "output file (default stdout, without schema and card)")
	cmd.Flags().StringVar(&format, "format", corpus.FormatJSONL, "jsonl or csv")
	return cmd
}

// dumpFiles writes the data, schema and card files; each is written to a
// temporary name and renamed, so no half-written file is left.
func dumpFiles(c *corpus.Corpus, out string, f corpus.Filter, format string) error {
	base := strings.TrimSuffix(out, filepath.Ext(out))
	var st corpus.DumpStats
	err := writeFileAtomic(out, func(w *os.File) error {
		var err error
		st, err = c.Dump(w, f, format)
		return err
	})
	if err != nil {
		return err
	}
	if err := writeFileAtomic(base+".schema.json", func(w *os.File) error { return corpus.WriteSchema(w) }); err != nil {
		return err
	}
	return writeFileAtomic(base+".card.md", func(w *os.File) error {
		return corpus.WriteCard(w, filepath.Base(out), st, time.Now())
	})
}

func writeFileAtomic(name string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
