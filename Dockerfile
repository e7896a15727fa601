# One image for the api, the workers and the one-shot setup job (migrations, seed, diagrams).
# Built in stages: the build stage has every dev dependency (TypeScript compiled by esbuild, the
# web app by Vite); the final stage has the production dependencies, the compiled dist/ and what
# the Prisma CLI needs for migrations, and runs plain node (no tsx). Base images are pinned to a
# release tag (docs/operations.md, "Images"): move them on purpose, after a test.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# argon2 is compiled at install (its prebuilt linux-x64 binary crashed when hashing; see README).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
# The root postinstall runs `prisma generate`, which needs the schema and the config; the local
# bpmnlint plugin is a `file:` dependency.
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY lint ./lint
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

# Production dependencies only: the same install, pruned of dev dependencies (tsx, vite, esbuild…).
FROM deps AS prod-deps
# The client generated at install is regenerated, so nothing of it depends on what prune removed.
RUN npm prune --omit=dev --no-audit --no-fund && node_modules/.bin/prisma generate

# The public entry (compose's `web`): nginx with the web app built above and its site config.
FROM nginx:1.30.4-alpine AS web
COPY --from=build /app/dist/web/dist /usr/share/nginx/html
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf

# The api, workers and setup image (the default target).
FROM ${NODE_IMAGE} AS app
WORKDIR /app
ENV NODE_ENV=production CHECKPOINT_DISABLE=1
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=prod-deps /app/lint ./lint
COPY package.json prisma.config.ts ./
COPY prisma ./prisma
COPY --from=build /app/dist ./dist
# Attachments on disk (compose mounts a volume here); the image runs as the unprivileged `node`.
RUN mkdir -p /var/lib/zhizhi/attachments && chown node:node /var/lib/zhizhi/attachments
ENV ATTACHMENTS_DIR=/var/lib/zhizhi/attachments
USER node
EXPOSE 3000
CMD ["node", "dist/api/src/main.js"]
