#!/usr/bin/env bash
# neo4j-admin of Neo4j @VERSION@ Enterprise, as laid out by the Upshift rehearsal lab:
# org.neo4j.commandline.admin.AdminTool with NEO4J_HOME and NEO4J_CONF set (dump, load, unbind, ...).
set -o errexit -o nounset -o pipefail

NEO4J_HOME="${NEO4J_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}"
NEO4J_CONF="${NEO4J_CONF:-${NEO4J_HOME}/conf}"
export NEO4J_HOME NEO4J_CONF

if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA_CMD="${JAVA_HOME}/bin/java"
else
  JAVA_CMD="$(command -v java)" || { echo "Unable to find any JVMs matching version \"17\"." >&2; exit 1; }
fi

OPENS=()
for pkg in java.nio sun.nio.ch java.lang java.util java.lang.reflect java.io java.util.concurrent jdk.internal.misc java.net; do
  OPENS+=("--add-opens=java.base/${pkg}=ALL-UNNAMED")
done

exec "${JAVA_CMD}" -cp "${NEO4J_HOME}/plugins:${NEO4J_CONF}:${NEO4J_HOME}/lib/*:${NEO4J_HOME}/plugins/*" \
  "${OPENS[@]}" --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED \
  -Xmx${HEAP_SIZE:-512m} -Dfile.encoding=UTF-8 ${UPSHIFT_LAB_MARKER:+"-Dupshift.lab=${UPSHIFT_LAB_MARKER}"} \
  ${UPSHIFT_LAB_ROOT:+"-Dupshift.lab.root=${UPSHIFT_LAB_ROOT}"} \
  org.neo4j.commandline.admin.AdminTool "$@"
