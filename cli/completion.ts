import type { Command } from 'commander';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** One node of the command tree, flattened: its path from the program ("kafka-sandbox jobs start"), subcommands and options. */
interface CommandNode {
  readonly path: string;
  readonly subcommands: ReadonlyArray<{ name: string; description: string }>;
  readonly options: ReadonlyArray<{ flag: string; description: string; choices: readonly string[] }>;
}

function flatten(command: Command, parent?: string): CommandNode[] {
  const path = parent === undefined ? command.name() : `${parent} ${command.name()}`;
  const visible = command.commands.filter((sub) => !(sub as unknown as { _hidden?: boolean })._hidden);
  const options = command.options.filter((option) => !option.hidden && option.long).map((option) => ({ flag: option.long!, description: option.description, choices: option.argChoices ?? [] }));
  // An argument with choices (`completion <shell>`) completes like subcommands do.
  const values = command.registeredArguments.flatMap((argument) => (argument.argChoices ?? []).map((name) => ({ name, description: argument.description })));
  const node: CommandNode = {
    path,
    subcommands: [...visible.map((sub) => ({ name: sub.name(), description: sub.description() })), ...values],
    options: [...options, { flag: '--help', description: 'display help for command', choices: [] }],
  };
  return [node, ...visible.flatMap((sub) => flatten(sub, path))];
}

/**
 * The completion script of `shell` for the commander program tree: every command, subcommand and
 * long option (with the values of options that have choices). Pure: the same tree gives the same text.
 */
export function completionScript(program: Command, shell: CompletionShell): string {
  const nodes = flatten(program);
  return { bash, zsh, fish }[shell](program.name(), nodes);
}

const fn = (name: string) => `_${name.replace(/[^a-zA-Z0-9]/g, '_')}`;
const single = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
/** Fish's single quotes: only \\ and \' are escapes inside them. */
const fishQuote = (text: string) => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Shell code shared by bash and zsh: walks the words before the cursor and sets `cmdpath` to the deepest known command. */
function walk(nodes: readonly CommandNode[], words: string, from: number, to: string): string {
  const known = nodes
    .slice(1)
    .map((node) => `"${node.path}"`)
    .join('|');
  return [
    `  local cmdpath="${nodes[0]!.path}" word i`,
    `  for ((i = ${from}; i < ${to}; i++)); do`,
    `    word="${words}"`,
    '    [[ "$word" == -* ]] && continue',
    `    case "$cmdpath $word" in`,
    `      ${known}) cmdpath="$cmdpath $word" ;;`,
    '    esac',
    '  done',
  ].join('\n');
}

function bash(name: string, nodes: readonly CommandNode[]): string {
  const cases = nodes.map((node) => {
    const words = [...node.subcommands.map((sub) => sub.name), ...node.options.map((option) => option.flag)].join(' ');
    return `    "${node.path}") words=${single(words)} ;;`;
  });
  const choices = nodes.flatMap((node) =>
    node.options.filter((option) => option.choices.length > 0).map((option) => `    "${node.path} ${option.flag}") words=${single(option.choices.join(' '))} ;;`),
  );
  return `# bash completion for ${name}: source <(${name} completion bash), or save it in /etc/bash_completion.d/${name}
${fn(name)}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" words=""
${walk(nodes, '${COMP_WORDS[i]}', 1, 'COMP_CWORD')}
  case "$cmdpath $prev" in
${choices.join('\n')}
    *)
      case "$cmdpath" in
${cases.map((line) => `    ${line}`).join('\n')}
      esac ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F ${fn(name)} ${name}
`;
}

function zsh(name: string, nodes: readonly CommandNode[]): string {
  const entry = (value: string, description: string) => single(`${value.replace(/:/g, '\\:')}:${oneLine(description)}`);
  const cases = nodes.map((node) => {
    const subcommands = node.subcommands.map((sub) => entry(sub.name, sub.description)).join(' ');
    const options = node.options.map((option) => entry(option.flag, option.description)).join(' ');
    return `    "${node.path}") subcommands=(${subcommands}); options=(${options}) ;;`;
  });
  const choices = nodes.flatMap((node) =>
    node.options.filter((option) => option.choices.length > 0).map((option) => `    "${node.path} ${option.flag}") compadd -- ${option.choices.map(single).join(' ')}; return ;;`),
  );
  return `#compdef ${name}
# zsh completion for ${name}: source <(${name} completion zsh), or save it as _${name} in a folder of $fpath
${fn(name)}() {
  local -a subcommands options
${walk(nodes, '${words[i]}', 2, 'CURRENT')}
  case "$cmdpath \${words[CURRENT-1]}" in
${choices.join('\n')}
  esac
  case "$cmdpath" in
${cases.join('\n')}
  esac
  if [[ "\${words[CURRENT]}" == -* ]]; then
    _describe -t options 'option' options
  else
    _describe -t commands 'command' subcommands
  fi
}
if [[ "\${funcstack[1]}" == "${fn(name)}" ]]; then
  ${fn(name)} "$@"
else
  compdef ${fn(name)} ${name}
fi
`;
}

function fish(name: string, nodes: readonly CommandNode[]): string {
  const helper = `__${fn(name).slice(1)}_path`;
  const known = nodes
    .slice(1)
    .map((node) => fishQuote(node.path))
    .join(' ');
  const lines = nodes.flatMap((node) => {
    const at = `-n ${fishQuote(`test (${helper}) = "${node.path}"`)}`;
    return [
      ...node.subcommands.map((sub) => `complete -c ${name} ${at} -a ${fishQuote(sub.name)} -d ${fishQuote(oneLine(sub.description))}`),
      ...node.options.map((option) => {
        const values = option.choices.length > 0 ? ` -x -a ${fishQuote(option.choices.join(' '))}` : '';
        return `complete -c ${name} ${at} -l ${option.flag.replace(/^--/, '')}${values} -d ${fishQuote(oneLine(option.description))}`;
      }),
    ];
  });
  return `# fish completion for ${name}: ${name} completion fish > ~/.config/fish/completions/${name}.fish
function ${helper}
    set -l path ${fishQuote(nodes[0]!.path)}
    for word in (commandline -opc)[2..-1]
        string match -q -- '-*' $word; and continue
        contains -- "$path $word" ${known}; and set path "$path $word"
    end
    echo $path
end
complete -c ${name} -f
${lines.join('\n')}
`;
}

/** `kafka-sandbox completion SHELL`: prints the script; an unknown shell is a ConfigError (exit code 2). */
export async function printCompletion(program: Command, shell: string, write: (text: string) => void = (text) => void process.stdout.write(text)): Promise<void> {
  if (!(COMPLETION_SHELLS as readonly string[]).includes(shell)) {
    const { ConfigError } = await import('../runtime/core/errors.js');
    throw new ConfigError(`no completion for shell "${shell}"`, { hint: `Shells: ${COMPLETION_SHELLS.join(', ')}; e.g. source <(kafka-sandbox completion bash)` });
  }
  write(completionScript(program, shell as CompletionShell));
}
