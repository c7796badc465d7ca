# syntax=docker/dockerfile:1
# studybot: multi-stage build. The runtime image holds production dependencies and the
# TypeScript sources (run by tsx, a production dependency), runs as the unprivileged `node` user
# and reports health on OPS_PORT.

FROM node:20-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-alpine AS runtime
ENV NODE_ENV=production \
    STUDYBOT_DATA_DIR=/app/data \
    CONTENT_DIR=/app/content \
    PORT=3000 \
    OPS_PORT=9090
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY adapters ./adapters
COPY migrations ./migrations
COPY content ./content
# Only the embedded database (no DATABASE_URL) writes here.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000 9090
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.OPS_PORT||9090)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node itself is PID 1's child of nothing: it receives SIGTERM directly and shuts down gracefully.
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=64", "--import", "tsx/esm", "src/main.ts"]
