/// A detection rule: a stable id used in output, suppressions and baselines, and the words
/// that explain it in `--help`, SARIF and JSON.
public struct Rule: Sendable, Hashable, Comparable {
    public let id: String
    public let title: String
    /// Higher wins when two rules flag the same value on one line: a known token format says
    /// more than the Kubernetes context it was found in, which says more than a key name.
    let specificity: Int

    init(_ id: String, _ title: String, specificity: Int) {
        self.id = id
        self.title = title
        self.specificity = specificity
    }

    public static func < (a: Rule, b: Rule) -> Bool { a.id < b.id }
    public static func == (a: Rule, b: Rule) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

extension Rule {
    // Well-known credential formats, found anywhere (comments, Markdown, URLs).
    static let privateKey = Rule("private-key", "Private key (PEM, OpenSSH, PGP)", specificity: 3)
    static let ageSecretKey = Rule("age-secret-key", "age secret key", specificity: 3)
    static let awsAccessKeyID = Rule("aws-access-key-id", "AWS access key id", specificity: 3)
    static let awsSecretAccessKey = Rule("aws-secret-access-key", "AWS secret access key", specificity: 3)
    static let githubToken = Rule("github-token", "GitHub token", specificity: 3)
    static let gitlabToken = Rule("gitlab-token", "GitLab token", specificity: 3)
    static let slackToken = Rule("slack-token", "Slack token", specificity: 3)
    static let slackWebhook = Rule("slack-webhook", "Slack incoming-webhook URL", specificity: 3)
    static let stripeKey = Rule("stripe-key", "Stripe secret or restricted key, or webhook secret", specificity: 3)
    static let googleAPIKey = Rule("google-api-key", "Google API key", specificity: 3)
    static let googleOAuthSecret = Rule("google-oauth-client-secret", "Google OAuth client secret", specificity: 3)
    static let jwt = Rule("jwt", "JSON Web Token", specificity: 3)
    static let npmToken = Rule("npm-token", "npm access token", specificity: 3)
    static let pypiToken = Rule("pypi-token", "PyPI upload token", specificity: 3)
    static let sendgridKey = Rule("sendgrid-api-key", "SendGrid API key", specificity: 3)
    static let twilioKey = Rule("twilio-api-key", "Twilio API key", specificity: 3)
    static let vaultToken = Rule("vault-token", "HashiCorp Vault token", specificity: 3)
    static let openAIKey = Rule("openai-api-key", "OpenAI API key", specificity: 3)
    static let anthropicKey = Rule("anthropic-api-key", "Anthropic API key", specificity: 3)
    static let dockerHubToken = Rule("docker-hub-token", "Docker Hub personal access token", specificity: 3)
    static let digitalOceanToken = Rule("digitalocean-token", "DigitalOcean token", specificity: 3)
    static let shopifyToken = Rule("shopify-token", "Shopify access token", specificity: 3)
    static let huggingFaceToken = Rule("huggingface-token", "Hugging Face token", specificity: 3)
    static let telegramBotToken = Rule("telegram-bot-token", "Telegram bot token", specificity: 3)
    static let connectionString = Rule("connection-string-password", "Password in a connection string or URL", specificity: 2)

    // Kubernetes- and GitOps-aware rules: a credential-named key holding a literal value,
    // named after where it was found.
    static let secretData = Rule("k8s-secret-data", "Plaintext credential in a Secret's data (judged after base64 decoding)", specificity: 2)
    static let secretStringData = Rule("k8s-secret-stringdata", "Plaintext credential in a Secret's stringData", specificity: 2)
    static let envValue = Rule("k8s-env-value", "Credential in a container env value", specificity: 2)
    static let kustomizeLiteral = Rule("kustomize-secret-literal", "Credential in a kustomize generator literal", specificity: 2)
    static let kustomizeSecretFile = Rule("kustomize-secret-file", "Tracked file used as a secretGenerator source", specificity: 1)
    static let kubeconfig = Rule("kubeconfig-credential", "Credential in a kubeconfig", specificity: 2)
    static let dockerConfig = Rule("docker-config-auth", "Registry credential in a docker config", specificity: 2)
    static let dotenv = Rule("dotenv-secret", "Credential in a .env-style file", specificity: 1)
    static let helmValues = Rule("helm-values-secret", "Credential in Helm values", specificity: 1)
    static let secretFile = Rule("secret-file", "File whose whole content is a secret", specificity: 1)
    static let assignment = Rule("credential-assignment", "Credential-named key with a literal value", specificity: 0)

    /// Every rule, in the order `--help` and SARIF list them.
    public static let all: [Rule] = [
        privateKey, ageSecretKey, awsAccessKeyID, awsSecretAccessKey, githubToken, gitlabToken,
        slackToken, slackWebhook, stripeKey, googleAPIKey, googleOAuthSecret, jwt, npmToken,
        pypiToken, sendgridKey, twilioKey, vaultToken, openAIKey, anthropicKey, dockerHubToken,
        digitalOceanToken, shopifyToken, huggingFaceToken, telegramBotToken, connectionString,
        secretData, secretStringData, envValue, kustomizeLiteral, kustomizeSecretFile, kubeconfig,
        dockerConfig, dotenv, helmValues, secretFile, assignment,
    ]

    public static func named(_ id: String) -> Rule? { all.first { $0.id == id } }
}
