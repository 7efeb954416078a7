/**
 * Python source of the small modules an exported PyTorch script may need (TF-style 'same' average
 * pooling, positional encoding, attention, Transformer blocks). Each is emitted once, and only when
 * some layer of the network uses it.
 */
export type Helper = 'samePool' | 'actRnn' | 'posenc' | 'attention' | 'encoder' | 'decoder' | 'sampling';

export const HELPERS: Record<Helper, string> = {
  samePool: `def same_avg_pool2d(x, kernel, stride, pad):
    """Average pooling with TF's 'same' padding: padded cells do not count in the average."""
    ones = torch.ones_like(x[:, :1])
    total = F.avg_pool2d(F.pad(x, pad), kernel, stride)
    count = F.avg_pool2d(F.pad(ones, pad), kernel, stride)
    return total / count`,
  actRnn: `class ActRNN(nn.Module):
    """A simple RNN with any activation (nn.RNN offers only tanh and relu); parameters as nn.RNN's."""

    def __init__(self, input_size, hidden_size, activation):
        super().__init__()
        self.hidden_size = hidden_size
        self.activation = activation
        self.ih = nn.Linear(input_size, hidden_size)
        self.hh = nn.Linear(hidden_size, hidden_size)

    def forward(self, x):
        h = x.new_zeros(x.shape[0], self.hidden_size)
        steps = []
        for t in range(x.shape[1]):
            h = self.activation(self.ih(x[:, t]) + self.hh(h))
            steps.append(h)
        return torch.stack(steps, dim=1), h`,
  posenc: `class PositionalEncoding(nn.Module):
    """Adds position information to a (N, T, D) sequence: fixed sine/cosine waves or a learned table."""

    def __init__(self, max_length, dim, learned=False):
        super().__init__()
        self.learned = learned
        if learned:
            self.table = nn.Embedding(max_length, dim)
        else:
            pos = torch.arange(max_length, dtype=torch.float32).unsqueeze(1)
            rate = torch.exp(torch.arange(0, dim, 2, dtype=torch.float32) * (-math.log(10000.0) / dim))
            pe = torch.zeros(max_length, dim)
            pe[:, 0::2] = torch.sin(pos * rate)
            pe[:, 1::2] = torch.cos(pos * rate[: dim // 2])
            self.register_buffer("pe", pe, persistent=False)

    def forward(self, x):
        t = x.shape[1]
        if self.learned:
            return x + self.table(torch.arange(t, device=x.device))
        return x + self.pe[:t]`,
  attention: `def causal_mask(t, s, device):
    """True where a query step may not look: every later step."""
    return torch.ones(t, s, dtype=torch.bool, device=device).triu(1)


class KerasStyleAttention(nn.Module):
    """Multi-head attention as Keras builds it, for num_heads * key_dim != the model width
    (nn.MultiheadAttention needs them equal). Called like nn.MultiheadAttention."""

    def __init__(self, query_dim, kv_dim, num_heads, key_dim, dropout=0.0):
        super().__init__()
        self.num_heads, self.key_dim = num_heads, key_dim
        inner = num_heads * key_dim
        self.query = nn.Linear(query_dim, inner)
        self.key = nn.Linear(kv_dim, inner)
        self.value = nn.Linear(kv_dim, inner)
        self.output = nn.Linear(inner, query_dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, query, key, value, attn_mask=None, need_weights=False):
        n, t, s = query.shape[0], query.shape[1], key.shape[1]
        q = self.query(query).view(n, t, self.num_heads, self.key_dim).transpose(1, 2)
        k = self.key(key).view(n, s, self.num_heads, self.key_dim).transpose(1, 2)
        v = self.value(value).view(n, s, self.num_heads, self.key_dim).transpose(1, 2)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.key_dim)
        if attn_mask is not None:
            scores = scores.masked_fill(attn_mask, float("-inf"))
        weights = self.dropout(torch.softmax(scores, dim=-1))
        return self.output((weights @ v).transpose(1, 2).reshape(n, t, -1)), None


def attention(query_dim, kv_dim, num_heads, key_dim, dropout):
    """nn.MultiheadAttention where it fits, else the Keras-style module (same parameter count)."""
    if num_heads * key_dim == query_dim:
        return nn.MultiheadAttention(query_dim, num_heads, dropout=dropout, kdim=kv_dim, vdim=kv_dim, batch_first=True)
    return KerasStyleAttention(query_dim, kv_dim, num_heads, key_dim, dropout)`,
  encoder: `class TransformerEncoderBlock(nn.Module):
    """Self-attention and a ReLU feed-forward layer, each added back and layer-normalized (post-norm)."""

    def __init__(self, dim, num_heads, key_dim, ff_dim, dropout, causal=False):
        super().__init__()
        self.causal = causal
        self.attention = attention(dim, dim, num_heads, key_dim, dropout)
        self.norm1 = nn.LayerNorm(dim)
        self.ff = nn.Sequential(nn.Linear(dim, ff_dim), nn.ReLU(), nn.Linear(ff_dim, dim))
        self.norm2 = nn.LayerNorm(dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        mask = causal_mask(x.shape[1], x.shape[1], x.device) if self.causal else None
        a, _ = self.attention(x, x, x, attn_mask=mask, need_weights=False)
        x = self.norm1(x + self.dropout(a))
        return self.norm2(x + self.dropout(self.ff(x)))`,
  decoder: `class TransformerDecoderBlock(nn.Module):
    """Causal self-attention, attention to the encoder output, then a ReLU feed-forward layer (post-norm)."""

    def __init__(self, dim, encoder_dim, num_heads, key_dim, ff_dim, dropout):
        super().__init__()
        self.self_attention = attention(dim, dim, num_heads, key_dim, dropout)
        self.norm1 = nn.LayerNorm(dim)
        self.cross_attention = attention(dim, encoder_dim, num_heads, key_dim, dropout)
        self.norm2 = nn.LayerNorm(dim)
        self.ff = nn.Sequential(nn.Linear(dim, ff_dim), nn.ReLU(), nn.Linear(ff_dim, dim))
        self.norm3 = nn.LayerNorm(dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, memory):
        mask = causal_mask(x.shape[1], x.shape[1], x.device)
        a, _ = self.self_attention(x, x, x, attn_mask=mask, need_weights=False)
        x = self.norm1(x + self.dropout(a))
        a, _ = self.cross_attention(x, memory, memory, need_weights=False)
        x = self.norm2(x + self.dropout(a))
        return self.norm3(x + self.dropout(self.ff(x)))`,
  sampling: `class Sampling(nn.Module):
    """The reparameterisation trick: z = mu + exp(log_var / 2) * eps, eps ~ N(0, I), while training;
    z = mu in eval mode. Keeps its KL term, KL(N(mu, sigma^2) || N(0, I)) summed over the latent and
    averaged over the batch, for the training loss (beta * kl / output values per example)."""

    def __init__(self, beta):
        super().__init__()
        self.beta = beta
        self.kl = None

    def forward(self, mu, log_var):
        self.kl = (-0.5 * (1 + log_var - mu.pow(2) - log_var.exp()).flatten(1).sum(1)).mean()
        if not self.training:
            return mu
        return mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)`,
};

export const HELPER_ORDER: Helper[] = ['samePool', 'actRnn', 'posenc', 'attention', 'encoder', 'decoder', 'sampling'];
