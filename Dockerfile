# One image for the api, the workers and the one-shot setup job (migrations, seed, diagrams).
FROM node:20-bookworm-slim
WORKDIR /app
# argon2 is compiled at install (its prebuilt linux-x64 binary crashed when hashing; see README).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
# The root postinstall runs `prisma generate`, which needs the schema and the config.
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
# The web app is built here and served by the API; build tools are dropped afterwards.
RUN npx prisma generate && npx vite build web && npm prune --omit=dev
EXPOSE 3000
CMD ["npx", "tsx", "api/src/main.ts"]
