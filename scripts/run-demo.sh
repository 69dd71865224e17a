#!/usr/bin/env bash
# make run: create the demo database once (keeping the logins it printed in
# DB.logins, readable only by its owner) and serve it.
set -euo pipefail
bin=$1 db=$2 listen=$3
if [ ! -s "$db" ]; then
  echo "Creating the demo database $db ..."
  umask 077
  "$bin" --db "$db" demo > "$db.logins"
fi
echo
echo "canbo: http://$listen/"
echo "The demo database $db (its logins are kept in $db.logins):"
cat "$db.logins"
echo
exec "$bin" --db "$db" serve --listen "$listen"
