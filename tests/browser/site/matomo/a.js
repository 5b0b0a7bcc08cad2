window.ccOrder.push('a');
