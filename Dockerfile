# tether in a container: built on Debian 12, run from debian:12-slim with only the shared
# libraries the .deb declares.
#   docker build -t tether .
#   docker run --rm -v "$PWD:/work" tether check --models models/
#   docker run --rm -v "$PWD:/work" -e DATABASE_URL tether audit --models models/ --format sarif
FROM debian:12 AS build
WORKDIR /src
# The package lists first: the dependency layer is reused until install-deps.sh changes.
COPY scripts/install-deps.sh scripts/
RUN bash scripts/install-deps.sh --package && rm -rf /var/lib/apt/lists/*
COPY . .
RUN BUILD_DIR=/tmp/build bash scripts/package.sh

FROM debian:12-slim
COPY --from=build /src/dist/ /tmp/dist/
# apt resolves the package's Depends (computed by dpkg-shlibdeps), so the image gets exactly the
# libraries the binary links and nothing of the build.
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/dist/tether_*_amd64.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/dist \
 && tether --version
WORKDIR /work
ENTRYPOINT ["tether"]
CMD ["--help"]
