# The image the Kubernetes jobs of deploy/kubernetes run: the crosscheck
# binary, and Node.js with @cedar-policy/cedar-wasm installed by npm ci
# exactly as package-lock.json pins it, so "--impl all" includes the
# official engine. Build it from the repository root:
#
#   docker build -t crosscheck .
#
# GO_VERSION is go.mod's Go version (the image tracks its patch releases);
# NODE_VERSION is a Node.js major of 20 or later.
ARG GO_VERSION=1.26
ARG NODE_VERSION=22

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/crosscheck ./cmd/crosscheck

FROM node:${NODE_VERSION}-bookworm-slim
WORKDIR /opt/crosscheck
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
ENV CROSSCHECK_NODE_MODULES=/opt/crosscheck/node_modules
COPY --from=build /out/crosscheck /usr/local/bin/crosscheck
# The node user (uid 1000) of the base image; the Kubernetes jobs give
# the results volume to its group with fsGroup.
USER node
WORKDIR /results
ENTRYPOINT ["crosscheck"]
CMD ["--help"]
