#!/bin/bash
# Entrypoint of kafka-sandbox's offline Elasticsearch image (the integ-test zip on OpenJDK 17).
# Follows the official image's conventions:
#   - every environment variable whose name looks like a setting (lower case with dots, e.g.
#     discovery.type=single-node) becomes `-E name=value`; so does ES_SETTING_<NAME>
#     (`_` means `.`, `__` means `_`), as the official image's launcher does;
#   - ES_JAVA_OPTS sets the heap (the image defaults to -Xms512m -Xmx512m);
#   - command: `eswrapper` (default) or only options (`-E a=b ...`) run Elasticsearch; anything else
#     is executed as is.
# xpack.* settings of features this distribution does not contain are dropped with a warning
# instead of failing the start (see xpack_known below).
set -eo pipefail

warn() { echo "[$(date -u '+%Y-%m-%dT%H:%M:%S,%3N')][WARN ][entrypoint] $*"; }

if [ $# -eq 0 ] || [ "${1:0:1}" = '-' ]; then
  set -- eswrapper "$@"
fi
if [ "$1" != 'eswrapper' ]; then
  exec "$@"
fi
shift

: "${ES_HOME:=/usr/share/elasticsearch}"

# Started as root (e.g. `--user 0`): Elasticsearch refuses root, so drop to `elasticsearch`.
if [ "$(id -u)" = '0' ]; then
  chown -R elasticsearch:0 "$ES_HOME/config" "$ES_HOME/data" "$ES_HOME/logs"
  exec setpriv --reuid=elasticsearch --regid=0 --init-groups "$BASH_SOURCE" eswrapper "$@"
fi

# The x-pack settings this distribution accepts: the integ-test zip carries only the x-pack-core
# and x-pack-security modules, which register xpack.security.*, xpack.license.* and the feature
# flags below (checked against 8.19). Any other xpack.* setting (xpack.monitoring.*,
# xpack.transform.enabled, xpack.http.*, ...) names a plugin that is not here and would abort the
# start as an unknown setting, so it is dropped with a warning.
xpack_known() {
  case "$1" in
    xpack.security.*|xpack.license.*) return 0 ;;
    xpack.apm_data.enabled|xpack.ccr.enabled|xpack.ent_search.enabled|xpack.graph.enabled) return 0 ;;
    xpack.ml.enabled|xpack.otel_data.enabled|xpack.profiling.enabled|xpack.watcher.enabled) return 0 ;;
    *) return 1 ;;
  esac
}

settings=()
while IFS= read -r -d '' entry; do
  name="${entry%%=*}"
  value="${entry#*=}"
  if [[ "$name" =~ ^[-a-z0-9_]+(\.[-a-z0-9_]+)+$ ]]; then
    :
  elif [[ "$name" == ES_SETTING_?* ]]; then
    name="${name#ES_SETTING_}"
    name="${name//_/.}"
    name="${name//../_}"
    name="${name,,}"
  else
    continue
  fi
  if [[ "$name" == xpack.* ]] && ! xpack_known "$name"; then
    warn "ignoring setting [$name]: this Elasticsearch distribution does not have that x-pack plugin"
    continue
  fi
  settings+=("-E" "$name=$value")
done < <(env -0)

cd "$ES_HOME"
# The launcher JVM stays as PID 1 and forwards SIGTERM (docker stop) to the server JVM.
exec "$ES_HOME/bin/elasticsearch" "${settings[@]}" "$@"
