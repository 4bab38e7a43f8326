package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

// keepIDIndexes works around a FerretDB 1.24 SQLite-backend performance bug: updates and
// deletes look documents up by the expression _ferretdb_sjson->'$._id', but the _id index is
// built on _ferretdb_sjson->"_id", so SQLite scans the whole table for every write (measured:
// 200 ms per update at 10,000 documents). An index on exactly the expression the writes use
// makes them index lookups. FerretDB's own metadata never sees it; dropping a collection drops
// its table and the index with it.
func keepIDIndexes(ctx context.Context, dir string, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()

	firstSeen := map[string]time.Time{}
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		for _, file := range files {
			seen, ok := firstSeen[file]
			if !ok {
				firstSeen[file] = time.Now()
				continue
			}
			// Leave a new database alone while FerretDB is still setting it up.
			if time.Since(seen) >= settle {
				indexFile(ctx, file)
			}
		}

		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// settle is how long after it appears a database file is first touched.
const settle = 3 * time.Second

// indexFile opens the file the way FerretDB does (WAL, busy timeout), adds missing indexes and
// closes it again, so no connection of ours stays open beside FerretDB's.
func indexFile(ctx context.Context, file string) {
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)")
	if err != nil {
		return
	}
	defer db.Close()
	if err := indexTables(ctx, db); err != nil && ctx.Err() == nil {
		slog.Debug("id index", "file", file, "err", err)
	}
}

func indexTables(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\_ferretdb\_%' ESCAPE '\'`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err == nil {
			tables = append(tables, name)
		}
	}
	_ = rows.Close()

	for _, table := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, table+"_cc_id_lookup", table)
		if _, err := db.ExecContext(ctx, q); err != nil && !strings.Contains(err.Error(), "no such table") {
			fmt.Fprintln(os.Stderr, "ferretdb: id index:", err)
		}
	}
	return nil
}
