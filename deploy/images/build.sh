#!/usr/bin/env bash
# Builds the services' OCI images with Jib (Quarkus' container-image-jib), with no container
# daemon, and pushes them to a registry; --check then reads each pushed image's configuration
# back from the registry and checks it (non-root user, entrypoint, exposed ports) and starts the
# service's Java runtime inside the image's own root filesystem.
#
#   deploy/images/build.sh [--check] [module ...]      (default: the four services)
#
# FLOWLENS_REGISTRY   where to push (default: a local registry on 127.0.0.1:5555, started from
#                     Debian's docker-registry package when none answers there)
# FLOWLENS_BASE_IMAGE the base image (default: one assembled from this machine's JDK 17 by
#                     base_image.py, since a machine without registry access cannot pull one;
#                     set a maintained image such as registry.access.redhat.com/ubi9/openjdk-21-runtime:1.21
#                     where a registry is reachable)
# FLOWLENS_IMAGE_TAG  the tag (default: the project version)
set -euo pipefail
cd "$(dirname "$0")/../.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

check=false
modules=()
for arg in "$@"; do
  case "$arg" in
    --check) check=true ;;
    *) modules+=("$arg") ;;
  esac
done
[ ${#modules[@]} -gt 0 ] || modules=(gateway ingestion-service metrics-service assessment-service)

state=.flowlens/images
mkdir -p "$state"
registry=${FLOWLENS_REGISTRY:-127.0.0.1:5555}

if [ -z "${FLOWLENS_REGISTRY:-}" ] && ! curl -fsS "http://$registry/v2/" >/dev/null 2>&1; then
  if ! command -v docker-registry >/dev/null 2>&1; then
    echo "[images] installing Debian's docker-registry (a local OCI registry)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null
  fi
  mkdir -p "$state/registry"
  cat > "$state/registry/config.yml" <<YAML
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $(pwd)/$state/registry/data}
  delete: {enabled: true}
http: {addr: "$registry"}
YAML
  echo "[images] starting a local registry at $registry"
  nohup docker-registry serve "$state/registry/config.yml" >"$state/registry/registry.log" 2>&1 &
  echo $! > "$state/registry/pid"
  for _ in $(seq 1 50); do curl -fsS "http://$registry/v2/" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fsS "http://$registry/v2/" >/dev/null || { echo "[images] the registry did not start; see $state/registry/registry.log" >&2; exit 1; }
fi

base=${FLOWLENS_BASE_IMAGE:-}
if [ -z "$base" ]; then
  jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  if [ ! -d "$jdk/jmods" ]; then
    echo "[images] installing the JDK's jmods (jlink needs them)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "openjdk-$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')-jmods" >/dev/null
  fi
  [ -s "$state/java-runtime.tar" ] || python3 deploy/images/base_image.py "$state/java-runtime.tar" --jdk "$jdk"
  base="tar://$(pwd)/$state/java-runtime.tar"
fi
tag=${FLOWLENS_IMAGE_TAG:-$(./mvnw -B -q -N help:evaluate -Dexpression=project.version -DforceStdout)}

list=$(IFS=,; echo "${modules[*]}")
echo "[images] building $list as $registry/flowlens/<module>:$tag on $base"
./mvnw -B -ntp -q package -DskipTests -pl "$list" -am \
  -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
  -Dquarkus.container-image.registry="$registry" -Dquarkus.container-image.insecure=true \
  -Dquarkus.container-image.tag="$tag" -Dquarkus.jib.base-jvm-image="$base"

if $check; then
  for module in "${modules[@]}"; do
    python3 deploy/images/check_image.py "$registry" "flowlens/$module" "$tag"
  done
fi
echo "[images] done: ${modules[*]}"
