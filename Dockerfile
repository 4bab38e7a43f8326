# Production image of the contact centre: one image, two roles.
#   server (default CMD): HTTP API, socket.io, the built agent console, widget and portal
#   worker:               node --import tsx server/src/main.ts worker
# MongoDB and Redis are external (MONGODB_URI, REDIS_URL); see docker-compose.yml.
# Plain Dockerfile syntax (no BuildKit-only features) so docker-compose v1 can build it.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- deps: every workspace's dependencies, dev included (needed to build the apps) ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY widget/package.json widget/
COPY agent-console/package.json agent-console/
COPY portal/package.json portal/
RUN npm ci --no-audit --no-fund

# --- build: the widget, the agent console and the portal (static files the server serves) ---
FROM deps AS build
COPY . .
RUN npm run build:apps

# --- runtime: production dependencies, server and shared source, built apps ---
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY widget/package.json widget/
COPY agent-console/package.json agent-console/
COPY portal/package.json portal/
# tsx is a production dependency of the server: it runs the TypeScript source directly.
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force \
    && node -e "import('tsx/esm/api')" \
    && mkdir -p .data \
    && chown node:node .data
COPY shared/src shared/src
COPY server/src server/src
COPY --from=build /app/widget/dist widget/dist
COPY --from=build /app/agent-console/dist agent-console/dist
COPY --from=build /app/portal/dist portal/dist

# The code stays root-owned and read-only to the app; only DATA_DIR is writable.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "server/src/main.ts", "server"]
